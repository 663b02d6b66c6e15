using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>One file a rule pulls in with <c>#load</c>.</summary>
/// <param name="LinePath">Its path relative to the scripts folder, with <c>/</c> (<c>lib/pricing.csx</c>): what <c>#line</c> directives and stack traces name.</param>
/// <param name="DiagnosticPath">Its path as diagnostics show it: the rule's folder, as the rule's path was given, joined with <paramref name="LinePath"/>.</param>
/// <param name="Source">Its text, with an editor header blanked.</param>
/// <param name="Unit">Its parsed script.</param>
internal sealed record LoadedScript(string LinePath, string DiagnosticPath, string Source, CompilationUnitSyntax Unit);

/// <summary>
/// Resolves a rule's <c>#load</c> directives: shared helper files (local functions, constants) that
/// rules of one scripts folder reuse. Only <c>.csx</c> files inside the rule's own folder (the scripts
/// folder) and its subfolders can be loaded, by a relative path; every other <c>#load</c> is refused
/// (<c>MP1001</c>). Loaded files may load others; each file is included once, before the file that
/// loads it, as C# scripting does.
/// </summary>
internal static class ScriptLoads
{
    /// <summary>The most files one rule may load, directly or not.</summary>
    public const int MaxFiles = 16;

    /// <summary>Resolves and reads the files <paramref name="root"/> loads, in the order they are compiled.</summary>
    /// <param name="rulePath">The rule's path as given; its folder is the scripts folder.</param>
    /// <param name="root">The rule's parsed script.</param>
    /// <param name="parseOptions">How to parse the loaded files.</param>
    /// <param name="maxLength">The most characters the rule and its loaded files may have together.</param>
    /// <returns>The loaded files, and why any <c>#load</c> was refused.</returns>
    public static (IReadOnlyList<LoadedScript> Files, IReadOnlyList<RuleDiagnostic> Errors) Resolve(
        string rulePath, CompilationUnitSyntax root, CSharpParseOptions parseOptions, int maxLength)
    {
        var files = new List<LoadedScript>();
        var errors = new List<RuleDiagnostic>();
        if (root.GetLoadDirectives().Count == 0)
        {
            return (files, errors);
        }

        var ruleFile = Path.GetFullPath(rulePath);
        var folder = Path.GetDirectoryName(ruleFile)!;
        var shownFolder = Path.GetDirectoryName(rulePath) ?? string.Empty;
        var seen = new HashSet<string>(StringComparer.Ordinal) { ruleFile };
        var length = root.FullSpan.Length;

        void Visit(CompilationUnitSyntax unit, string unitFile, string unitPath)
        {
            foreach (var directive in unit.GetLoadDirectives())
            {
                var requested = directive.File.ValueText;
                var full = Resolve(Path.GetDirectoryName(unitFile)!, requested);
                if (full is null || !IsInside(full, folder) || PassesThroughLink(full, folder))
                {
                    errors.Add(Error(directive, unitPath, $"'#load \"{requested}\"' is not available to rules: only .csx files inside the scripts folder can be loaded, by a relative path"));
                    continue;
                }

                if (!seen.Add(full))
                {
                    continue;
                }

                if (!File.Exists(full))
                {
                    errors.Add(Error(directive, unitPath, $"'#load \"{requested}\"': there is no file '{Path.GetRelativePath(folder, full).Replace('\\', '/')}' in the scripts folder"));
                    continue;
                }

                if (seen.Count - 1 > MaxFiles)
                {
                    errors.Add(Error(directive, unitPath, string.Create(CultureInfo.InvariantCulture, $"a rule may load at most {MaxFiles} files"), SandboxDiagnostics.TooLarge));
                    return;
                }

                string source;
                try
                {
                    source = IdeHeader.Strip(File.ReadAllText(full));
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    errors.Add(Error(directive, unitPath, $"'#load \"{requested}\"' could not be read: {ex.Message}"));
                    continue;
                }

                var linePath = Path.GetRelativePath(folder, full).Replace('\\', '/');
                var shown = Path.Combine(shownFolder, linePath);
                if (RuleCompiler.Oversized(source, shown) is { } tooLarge)
                {
                    errors.Add(tooLarge);
                    continue;
                }

                length += source.Length;
                if (length > maxLength)
                {
                    errors.Add(Error(directive, unitPath, string.Create(CultureInfo.InvariantCulture, $"the rule and the files it loads are more than {maxLength} characters long together"), SandboxDiagnostics.TooLarge));
                    return;
                }

                var loaded = CSharpSyntaxTree.ParseText(source, parseOptions, shown).GetCompilationUnitRoot();
                Visit(loaded, full, shown);
                files.Add(new LoadedScript(linePath, shown, source, loaded));
            }
        }

        Visit(root, ruleFile, rulePath);
        return (files, errors);
    }

    // A relative .csx path, resolved against the folder of the file that loads it, following links to where they point.
    private static string? Resolve(string folder, string requested)
    {
        if (requested.Length == 0 || Path.IsPathRooted(requested) || !requested.EndsWith(RuleCompiler.Extension, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(folder, requested));
        var target = File.Exists(full) ? new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true) : null;
        return target is null ? full : Path.GetFullPath(target.FullName);
    }

    /// <summary>
    /// The final target of <paramref name="file"/> when it is a link leading out of <paramref name="folder"/> (which may
    /// itself be a link); <see langword="null"/> when it is no link or its target is inside.
    /// </summary>
    internal static string? LinkLeadingOutside(string file, string folder)
    {
        if (new FileInfo(file).ResolveLinkTarget(returnFinalTarget: true) is not { } target)
        {
            return null;
        }

        var full = Path.GetFullPath(target.FullName);
        var realFolder = new DirectoryInfo(folder).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? folder;
        return IsInside(full, folder) || IsInside(full, realFolder) ? null : full;
    }

    // A linked folder on the way (lib -> /etc) leads outside even when the path reads as inside.
    private static bool PassesThroughLink(string path, string folder)
    {
        for (var directory = Path.GetDirectoryName(path); directory is not null && directory.Length > folder.Length; directory = Path.GetDirectoryName(directory))
        {
            if (new DirectoryInfo(directory).LinkTarget is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsInside(string path, string folder) =>
        path.StartsWith(folder.EndsWith(Path.DirectorySeparatorChar) ? folder : folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static RuleDiagnostic Error(SyntaxNode directive, string path, string message, string code = SandboxDiagnostics.NotAvailable) =>
        SandboxDiagnostics.Error(path, directive.GetLocation(), code, message);
}
