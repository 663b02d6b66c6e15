using System.Text.RegularExpressions;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// The editor-support header a rule may start with: <c>#load "ide/globals.csx"</c>, which gives VS Code
/// and Rider completion for the globals. The host blanks that line (keeping the line numbers) before
/// compiling; any other <c>#load</c> or <c>#r</c> is still refused.
/// </summary>
internal static partial class IdeHeader
{
    /// <summary>The file, relative to the scripts folder, that the header loads.</summary>
    public const string GlobalsFile = "ide/globals.csx";

    public static string Strip(string source)
    {
        if (!source.Contains(GlobalsFile, StringComparison.Ordinal))
        {
            return source;
        }

        var lines = source.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (HeaderLine().IsMatch(line))
            {
                lines[i] = lines[i].EndsWith('\r') ? "\r" : string.Empty;
                continue;
            }

            var trimmed = line.TrimStart();
            if (trimmed.Length > 0 && !trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }
        }

        return string.Join('\n', lines);
    }

    [GeneratedRegex("""^\s*#load\s+"ide/globals\.csx"\s*(//.*)?$""", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderLine();
}
