using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Marketpilot.Scripting.Sandbox;
using Marketpilot.Sdk.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Marketpilot.Scripting;

/// <summary>
/// Compiles rule scripts (<c>.csx</c>) against <see cref="RuleGlobals"/>, once per version, into
/// <see cref="CompiledRule"/>s.
/// </summary>
/// <remarks>
/// A script sees the Marketpilot SDK and the base library, with <c>System</c>, <c>System.Linq</c>,
/// <c>System.Collections.Generic</c> and the SDK's <c>Catalog</c>, <c>Actions</c> and <c>Rules</c>
/// namespaces imported. <c>#r</c> and <c>#load</c> are refused (<c>MP1001</c>). The methods are
/// thread-safe; every compilation loads one more assembly that stays loaded until the process exits.
/// </remarks>
public sealed class RuleCompiler
{
    /// <summary>The file extension of rule scripts.</summary>
    public const string Extension = ".csx";

    private static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);

    private static readonly IRuleSourceCheck[] Checks = [new DirectiveCheck()];

    // Built once: the references and options are shared by every compilation.
    private static readonly ScriptOptions Options = ScriptOptions.Default
        .WithReferences(References())
        .WithImports("System", "System.Linq", "System.Collections.Generic", "Marketpilot.Sdk.Catalog", "Marketpilot.Sdk.Actions", "Marketpilot.Sdk.Rules")
        .WithLanguageVersion(LanguageVersion.Latest)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(Encoding.UTF8);

    /// <summary>Compiles a script held in memory; its version is the hash of <paramref name="source"/> as UTF-8.</summary>
    /// <param name="path">The script's path; the rule id is its file name without <c>.csx</c>, and diagnostics carry it as given.</param>
    /// <param name="source">The script text.</param>
    /// <returns>The compilation; script errors are diagnostics, never exceptions.</returns>
    public RuleCompilation Compile(string path, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(source);

        return Compile(path, source, VersionOf(Encoding.UTF8.GetBytes(source)));
    }

    /// <summary>Reads and compiles a script file; its version is the hash of the file's bytes.</summary>
    /// <param name="path">The script's path; diagnostics carry it as given.</param>
    /// <param name="cancellationToken">Cancels reading the file.</param>
    /// <returns>The compilation; script errors are diagnostics, never exceptions.</returns>
    /// <exception cref="IOException">The file cannot be read (<see cref="FileNotFoundException"/> when it does not exist).</exception>
    public async Task<RuleCompilation> CompileFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        using var reader = new StreamReader(new MemoryStream(bytes), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var source = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Compile(path, source, VersionOf(bytes));
    }

    /// <summary>The rule id for a script path: the file name without <c>.csx</c>.</summary>
    /// <param name="path">The script path.</param>
    /// <returns>The id.</returns>
    public static string IdOf(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>The rule version for a script's content: the first 12 lower-case hex digits of its SHA-256.</summary>
    /// <param name="content">The script file's bytes.</param>
    /// <returns>The version.</returns>
    public static string VersionOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    private static RuleCompilation Compile(string path, string source, string version)
    {
        var rule = new RuleDescriptor(IdOf(path), version, path);
        var tree = CSharpSyntaxTree.ParseText(source, ParseOptions, path);
        var refused = Checks.SelectMany(check => check.Check(tree.GetCompilationUnitRoot(), path)).ToList();
        if (refused.Count > 0)
        {
            return new RuleCompilation(rule, Sort(ToRuleDiagnostics(tree.GetDiagnostics(), path).Concat(refused)), null);
        }

        var script = CSharpScript.Create<object>(source, Options.WithFilePath(path), typeof(RuleGlobals));
        var diagnostics = Sort(ToRuleDiagnostics(script.GetCompilation().GetDiagnostics(), path));
        if (diagnostics.Any(d => d.IsError))
        {
            return new RuleCompilation(rule, diagnostics, null);
        }

        return new RuleCompilation(rule, diagnostics, new CompiledRule(rule, script.CreateDelegate()));
    }

    private static IEnumerable<RuleDiagnostic> ToRuleDiagnostics(IEnumerable<Diagnostic> diagnostics, string path) =>
        diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d =>
            {
                var span = d.Location.IsInSource ? d.Location.GetMappedLineSpan() : default;
                var start = span.IsValid ? span.StartLinePosition : default;
                return new RuleDiagnostic(
                    path,
                    start.Line + 1,
                    start.Character + 1,
                    d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                    d.Id,
                    d.GetMessage(CultureInfo.InvariantCulture));
            });

    private static ImmutableArray<RuleDiagnostic> Sort(IEnumerable<RuleDiagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Line).ThenBy(d => d.Column)];

    private static IEnumerable<MetadataReference> References()
    {
        // Implementation assemblies of the running host, so a deployed host needs no reference pack.
        // System.Runtime carries the type forwards the SDK was compiled against.
        Assembly[] assemblies =
        [
            typeof(object).Assembly,
            Assembly.Load(new AssemblyName("System.Runtime")),
            Assembly.Load(new AssemblyName("System.Collections")),
            typeof(Enumerable).Assembly,
            typeof(RuleGlobals).Assembly,
        ];
        return assemblies.Distinct().Select(a => MetadataReference.CreateFromFile(a.Location));
    }
}
