namespace Marketpilot.Actions;

/// <summary>The names of <see cref="ActionStatus"/> values as the API, the CLI and the action log show them.</summary>
public static class ActionStatusNames
{
    /// <summary>Every status name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<ActionStatus>().Select(Of)];

    /// <summary>The name of <paramref name="status"/>: <c>proposed</c>, <c>applied</c>, <c>rejected</c>, <c>failed</c>, <c>dry-run</c> or <c>control</c>.</summary>
    /// <param name="status">The status.</param>
    /// <returns>Its name.</returns>
    public static string Of(ActionStatus status) => status == ActionStatus.DryRun ? "dry-run" : status.ToString().ToLowerInvariant();

    /// <summary>Reads a status name, ignoring case.</summary>
    /// <param name="name">A name from <see cref="All"/>.</param>
    /// <param name="status">The status, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a status.</returns>
    public static bool TryParse(string name, out ActionStatus status)
    {
        foreach (var candidate in Enum.GetValues<ActionStatus>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                status = candidate;
                return true;
            }
        }

        status = default;
        return false;
    }
}
