using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Api;

/// <summary>The answer to <c>PUT /api/v1/rules/{id}/mode</c>.</summary>
/// <param name="RuleId">The rule.</param>
/// <param name="Mode">Its mode now: <c>live</c>, <c>dry-run</c> or <c>off</c>.</param>
public sealed record RuleModeView(string RuleId, RuleMode Mode);
