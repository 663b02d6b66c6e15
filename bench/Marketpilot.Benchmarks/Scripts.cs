using System.Text.RegularExpressions;

namespace Marketpilot.Benchmarks;

/// <summary>The sample rules in scripts/, copied next to the benchmark binary.</summary>
public static partial class Scripts
{
    /// <summary>Every sample rule, read from the folder (by name).</summary>
    public static readonly string[] All =
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "scripts"), "*.csx").Select(Path.GetFileNameWithoutExtension).OfType<string>().Order(StringComparer.Ordinal)];

    public static string PathOf(string rule) => Path.Combine(AppContext.BaseDirectory, "scripts", rule + ".csx");

    public static string Read(string rule) => File.ReadAllText(PathOf(rule));

    /// <summary>The script text as plain Roslyn scripting takes it: without the <c>#load</c> IDE header and the <c>// @</c> metadata lines.</summary>
    public static string ReadPlain(string rule) =>
        string.Join('\n', Read(rule).Split('\n').Where(line => !IdeOrMetadata().IsMatch(line)));

    [GeneratedRegex("""^\s*(#load\s|//\s*@)""", RegexOptions.CultureInvariant)]
    private static partial Regex IdeOrMetadata();
}
