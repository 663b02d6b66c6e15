namespace Marketpilot.Host.Api;

/// <summary>The answer to an accepted submission.</summary>
/// <param name="Accepted">How many items were recorded.</param>
public sealed record AcceptedItems(int Accepted);
