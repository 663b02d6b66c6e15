namespace Marketpilot.Host.Api;

/// <summary>The answer to <c>POST /api/v1/actions/{id}/undo</c>: the compensating actions queued.</summary>
/// <param name="ActionId">The first compensating action (the one most undos have).</param>
/// <param name="ActionIds">Every compensating action queued, in the order they will be dispatched.</param>
public sealed record UndoView(string ActionId, IReadOnlyList<string> ActionIds);
