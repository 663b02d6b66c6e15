using Marketpilot.Actions.Undo;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Api;

/// <summary>The answer to <c>POST /api/v1/rules/{id}/rollback</c>.</summary>
/// <param name="RuleId">The rule rolled back.</param>
/// <param name="Mode">Its mode now: always <c>off</c>.</param>
/// <param name="ActionIds">The compensating actions queued, the newest action undone first.</param>
/// <param name="Skipped">The rule's applied actions that were not undone, each with the reason.</param>
public sealed record RollbackView(string RuleId, RuleMode Mode, IReadOnlyList<string> ActionIds, IReadOnlyList<SkippedUndo> Skipped);
