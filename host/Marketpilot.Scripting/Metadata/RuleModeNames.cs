namespace Marketpilot.Scripting.Metadata;

/// <summary>The names of <see cref="RuleMode"/> values as rule headers, the API and the CLI spell them: <c>live</c>, <c>dry-run</c>, <c>off</c>.</summary>
public static class RuleModeNames
{
    /// <summary>Every mode name, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Enum.GetValues<RuleMode>().Select(Of)];

    /// <summary>The name of <paramref name="mode"/>.</summary>
    /// <param name="mode">The mode.</param>
    /// <returns><c>live</c>, <c>dry-run</c> or <c>off</c>.</returns>
    public static string Of(RuleMode mode) => mode switch
    {
        RuleMode.DryRun => "dry-run",
        _ => mode.ToString().ToLowerInvariant(),
    };

    /// <summary>Reads a mode name, ignoring case.</summary>
    /// <param name="name">A name from <see cref="All"/>.</param>
    /// <param name="mode">The mode, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a mode.</returns>
    public static bool TryParse(string? name, out RuleMode mode)
    {
        foreach (var candidate in Enum.GetValues<RuleMode>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.OrdinalIgnoreCase))
            {
                mode = candidate;
                return true;
            }
        }

        mode = default;
        return false;
    }
}
