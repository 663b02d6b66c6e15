namespace Marketpilot.Host.Tests.Support;

/// <summary>One script of the hostile suite in <c>tests/hostile/</c>, with the outcome its first line expects.</summary>
/// <param name="Path">The script's full path.</param>
/// <param name="Name">Its class folder and file name, unique in the suite.</param>
/// <param name="Expect"><c>refused</c>, <c>stopped</c> or <c>failed</c>.</param>
/// <param name="Code">The diagnostic code a refusal carries; <see langword="null"/> otherwise.</param>
/// <param name="Fragment">Text the diagnostic or the stop's reason contains.</param>
public sealed record HostileScript(string Path, string Name, string Expect, string? Code, string Fragment)
{
    public const string Refused = "refused";

    public static string Folder => System.IO.Path.Combine(RepoPaths.Root, "tests", "hostile");

    /// <summary>Every script of the suite, read from the folder.</summary>
    public static IReadOnlyList<HostileScript> All { get; } = Load();

    /// <summary>The scripts as theory rows (their names).</summary>
    public static TheoryData<string> Names(Func<HostileScript, bool> which) => [.. All.Where(which).Select(s => s.Name)];

    public static HostileScript Named(string name) => All.Single(s => s.Name == name);

    private static List<HostileScript> Load() =>
        [.. Directory.GetFiles(Folder, "*.csx", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(Parse)];

    private static HostileScript Parse(string path)
    {
        const string prefix = "// expect: ";
        var first = File.ReadLines(path).First();
        if (!first.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{path}: the first line must be '{prefix}refused|stopped|failed ...'");
        }

        var words = first[prefix.Length..].Split(' ', 2);
        var name = System.IO.Path.GetRelativePath(Folder, path).Replace('\\', '/');
        if (words[0] == Refused)
        {
            var rest = words[1].Split(' ', 2);
            return new HostileScript(path, name, Refused, rest[0], rest[1]);
        }

        return words[0] is "stopped" or "failed"
            ? new HostileScript(path, name, words[0], null, words[1])
            : throw new InvalidOperationException($"{path}: unknown expectation '{words[0]}'");
    }
}
