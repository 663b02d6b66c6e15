using System.Text.Json.Serialization;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Api;

/// <summary>The answer to <c>GET</c> and <c>PUT /api/v1/rules/{id}/settings</c>.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Settings">What is set through the API, spelled as in the header; a <see langword="null"/> field leaves the header's key.</param>
/// <param name="Metadata">What the rule runs with: its header with <paramref name="Settings"/> in place.</param>
public sealed record RuleSettingsView(
    string RuleId,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] RuleSettings Settings,
    RuleMetadata? Metadata);
