using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.Loader;
using System.Security.Cryptography;
using System.Text;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Runtime;
using Marketpilot.Scripting.Sandbox;
using Marketpilot.Sdk.Rules;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting;

/// <summary>
/// Compiles rule scripts (<c>.csx</c>) against <see cref="RuleGlobals"/>, once per version, into
/// sandboxed <see cref="CompiledRule"/>s.
/// </summary>
/// <remarks>
/// <para>
/// A script sees the Marketpilot SDK and part of the base library, with <c>System</c>,
/// <c>System.Linq</c>, <c>System.Collections.Generic</c> and the SDK's <c>Catalog</c>, <c>Actions</c>
/// and <c>Rules</c> namespaces imported. The sandbox refuses, with compiler-style diagnostics at the
/// script's own lines: <c>#r</c>, <c>#load</c> of anything but a <c>.csx</c> file inside the scripts
/// folder (see <see cref="ScriptLoads"/>) and any type or member outside the allowlist
/// (<c>MP1001</c>); language features such as <c>unsafe</c>, <c>stackalloc</c>, <c>async</c>,
/// <c>lock</c>, <c>dynamic</c>, static state other than read-only tables, and every directive but
/// <c>#load</c> and <c>#region</c> (<c>MP1002</c>); scripts that are too large, too deeply nested or
/// fold too long a constant (<c>MP1003</c>). What is checked is exactly what is compiled: the class
/// built from the script is verified token for token, and the instrumented tree is emitted as is.
/// </para>
/// <para>
/// A script that passes is rewritten with budget checks (see <see cref="RuleLimits"/>), emitted to
/// memory and loaded into its own collectible <see cref="AssemblyLoadContext"/>, which
/// <see cref="CompiledRule.Unload"/> releases. The methods are thread-safe.
/// </para>
/// </remarks>
public sealed class RuleCompiler
{
    /// <summary>The file extension of rule scripts.</summary>
    public const string Extension = ".csx";

    /// <summary>
    /// The longest script, in characters, the compiler accepts (with the files it loads): twelve times the largest
    /// sample rule, and small enough that the densest code it can hold is checked in about a second (docs/performance.md).
    /// </summary>
    public const int MaxSourceLength = 16 * 1024;

    /// <summary>The deepest nesting of brackets the compiler accepts.</summary>
    public const int MaxNesting = 64;

    private static readonly CSharpParseOptions ScriptParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Script);
    private static readonly CSharpParseOptions ClassParseOptions = new(LanguageVersion.Latest, kind: SourceCodeKind.Regular);
    private static readonly IRuleSourceCheck[] Checks = [new InputBoundsCheck(), new DirectiveCheck(), new SyntaxCheck()];

    // Compilation runs on a thread of its own with this much stack: the syntax trees it walks are bounded
    // (InputBoundsCheck), and this leaves Roslyn and the sandbox's walkers ample room for them.
    private const int CompilerStackBytes = 64 * 1024 * 1024;

    // Built once: the references and options are shared by every compilation.
    private static readonly ImmutableArray<MetadataReference> References = BuildReferences();

    private static readonly CSharpCompilationOptions CompilationOptions = new(
        OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release,
        nullableContextOptions: NullableContextOptions.Enable,
        allowUnsafe: false,
        concurrentBuild: false,
        deterministic: true,
        metadataImportOptions: MetadataImportOptions.Public);

    private static readonly EmitOptions EmitOptions = new(debugInformationFormat: DebugInformationFormat.Embedded);

    // Compiled images depend on this engine as much as on the script: a new build of the sandbox
    // never reuses images an older one cached.
    private static readonly string EngineStamp = typeof(RuleCompiler).Assembly.ManifestModule.ModuleVersionId.ToString("N");

    private const int MemoryCacheSize = 512;

    private readonly ConcurrentDictionary<string, CachedImage> _memoryCache = new(StringComparer.Ordinal);
    private readonly string? _cachePath;

    /// <summary>Creates a compiler that caches compiled rules in memory only.</summary>
    public RuleCompiler()
    {
    }

    /// <summary>Creates a compiler that caches compiled rules in memory and, when <see cref="ScriptingOptions.CachePath"/> is set, on disk.</summary>
    /// <param name="options">The scripting options.</param>
    public RuleCompiler(IOptions<ScriptingOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);

        _cachePath = options.Value.CachePath is { Length: > 0 } cachePath ? Path.GetFullPath(cachePath) : null;
    }

    /// <summary>
    /// Compiles a throwaway rule so that Roslyn's own code is loaded and compiled before the first real
    /// rule needs it; the host runs it in the background at start.
    /// </summary>
    /// <returns>How long the compilation took.</returns>
    public static TimeSpan WarmUp()
    {
        var stopwatch = Stopwatch.StartNew();
        var compilation = Compile("warm-up.csx", Parse("warm-up.csx", "// @name: warm-up\nvar ads = Campaigns.Where(c => c.Kind == CampaignKind.Ad).ToList();\nforeach (var ad in ads) { if (ad.Spend > 0) PauseAds(ad.CampaignId, $\"{ad.Roas:0.00}\"); }"), "warm-up");
        compilation.Compiled?.Unload();
        return stopwatch.Elapsed;
    }

    /// <summary>Compiles a script held in memory; its version is the hash of <paramref name="source"/> as UTF-8.</summary>
    /// <param name="path">The script's path; the rule id is its file name without <c>.csx</c>, and diagnostics carry it as given.</param>
    /// <param name="source">The script text.</param>
    /// <returns>The compilation; script errors are diagnostics, never exceptions.</returns>
    public RuleCompilation Compile(string path, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(source);

        return OnLargeStack(() => CompileCached(path, source, VersionOf(Encoding.UTF8.GetBytes(source))));
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
        return CompileContent(path, bytes);
    }

    /// <summary>Compiles a script file's bytes, read by the caller, as <see cref="CompileFileAsync"/> does.</summary>
    internal RuleCompilation CompileContent(string path, byte[] content) => OnLargeStack(() => CompileCached(path, Decode(content), VersionOf(content)));

    /// <summary>A script file's text: UTF-8 unless a byte order mark says otherwise.</summary>
    internal static string Decode(byte[] content)
    {
        using var reader = new StreamReader(new MemoryStream(content), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return reader.ReadToEnd();
    }

    /// <summary>Compiles a script without the sandbox's checks (syntax, directives, allowlist): for tests of the walls behind them only.</summary>
    internal static RuleCompilation CompileUnchecked(string path, string source) =>
        OnLargeStack(() => Compile(path, Parse(path, source), VersionOf(Encoding.UTF8.GetBytes(source)), checks: false));

    /// <summary>Keeps an image compiled elsewhere (in a worker) in the memory and disk caches under <paramref name="key"/>.</summary>
    internal void Store(string key, byte[] image, IReadOnlyList<RuleDiagnostic> warnings)
    {
        var cached = new CachedImage(image, [.. warnings]);
        _memoryCache[key] = cached;
        WriteDiskCache(key, cached);
    }

    /// <summary>The rule id for a script path: the file name without <c>.csx</c>.</summary>
    /// <param name="path">The script path.</param>
    /// <returns>The id.</returns>
    public static string IdOf(string path) => Path.GetFileNameWithoutExtension(path);

    /// <summary>The rule version for a script's content: the first 12 lower-case hex digits of its SHA-256.</summary>
    /// <param name="content">The script file's bytes.</param>
    /// <returns>The version.</returns>
    public static string VersionOf(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content))[..12];

    private static T OnLargeStack<T>(Func<T> work)
    {
        T result = default!;
        ExceptionDispatchInfo? failure = null;
        var thread = new Thread(
            () =>
            {
                try
                {
                    result = work();
                }
                catch (Exception exception)
                {
                    failure = ExceptionDispatchInfo.Capture(exception);
                }
            },
            CompilerStackBytes)
        { IsBackground = true, Name = "Marketpilot rule compiler" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result;
    }

    private RuleCompilation CompileCached(string path, string source, string version)
    {
        var parsed = Parse(path, source);
        var identity = new StringBuilder(EngineStamp).Append('\n').Append(parsed.Source);
        foreach (var loaded in parsed.Loads)
        {
            identity.Append('\0').Append(loaded.LinePath).Append('\0').Append(loaded.Source);
        }

        // A rule that loads files is a new version when any of them changes.
        if (parsed.Loads.Count > 0)
        {
            version = VersionOf(Encoding.UTF8.GetBytes(version + identity.ToString(EngineStamp.Length, identity.Length - EngineStamp.Length)));
        }

        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())));
        if (_memoryCache.TryGetValue(key, out var cached) || (cached = ReadDiskCache(key)) is not null)
        {
            var rule = new RuleDescriptor(IdOf(path), version, path);
            var (metadata, _) = RuleMetadataParser.Parse(parsed.Source, rule.Id, path);
            var compiled = CompiledRule.Load(rule, cached.Image);
            compiled.Metadata = metadata;
            compiled.Limits = metadata.LimitsFrom(RuleLimits.Default, RuleLimits.DefaultCeiling);
            _memoryCache.TryAdd(key, cached);
            return new RuleCompilation(rule, [.. cached.Warnings.Select(w => w with { Path = path })], compiled) { Metadata = metadata, FromCache = true, CacheKey = key };
        }

        var compilation = Compile(path, parsed, version);
        if (compilation.Compiled is { } fresh)
        {
            var image = new CachedImage(fresh.Image, [.. compilation.Diagnostics]);
            if (_memoryCache.Count >= MemoryCacheSize)
            {
                _memoryCache.Clear();
            }

            _memoryCache[key] = image;
            WriteDiskCache(key, image);
            return compilation with { CacheKey = key };
        }

        return compilation;
    }

    private CachedImage? ReadDiskCache(string key)
    {
        if (_cachePath is null)
        {
            return null;
        }

        try
        {
            var image = Path.Combine(_cachePath, key + ".dll");
            if (!File.Exists(image))
            {
                return null;
            }

            var warnings = File.Exists(Path.Combine(_cachePath, key + ".warnings"))
                ? File.ReadAllLines(Path.Combine(_cachePath, key + ".warnings")).Select(ParseWarning).OfType<RuleDiagnostic>().ToImmutableArray()
                : [];
            return new CachedImage(File.ReadAllBytes(image), warnings);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private void WriteDiskCache(string key, CachedImage image)
    {
        if (_cachePath is null)
        {
            return;
        }

        try
        {
            Directory.CreateDirectory(_cachePath);
            File.WriteAllLines(Path.Combine(_cachePath, key + ".warnings"), image.Warnings.Select(w => string.Join('\t', w.Line, w.Column, w.Severity, w.Code, w.Message.ReplaceLineEndings(" "))));
            var temporary = Path.Combine(_cachePath, key + "." + Guid.NewGuid().ToString("N") + ".tmp");
            File.WriteAllBytes(temporary, image.Image);
            File.Move(temporary, Path.Combine(_cachePath, key + ".dll"), overwrite: true);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The cache is an optimisation: a rule that cannot be cached is compiled again next time.
        }
    }

    private static RuleDiagnostic? ParseWarning(string line)
    {
        var parts = line.Split('\t', 5);
        return parts.Length == 5 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var row) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var column)
            ? new RuleDiagnostic(string.Empty, row, column, parts[2], parts[3], parts[4])
            : null;
    }

    // The rule's text (editor header blanked), parsed, and the files it loads; no tree when it is too large to parse safely.
    private sealed record ParsedRule(string Source, RuleDiagnostic? TooLarge, SyntaxTree? Tree, IReadOnlyList<LoadedScript> Loads, IReadOnlyList<RuleDiagnostic> LoadErrors);

    private static ParsedRule Parse(string path, string source)
    {
        source = IdeHeader.Strip(source);
        if (Oversized(source, path) is { } tooLarge)
        {
            return new ParsedRule(source, tooLarge, null, [], []);
        }

        var tree = CSharpSyntaxTree.ParseText(source, ScriptParseOptions, path);
        var (loads, errors) = ScriptLoads.Resolve(path, tree.GetCompilationUnitRoot(), ScriptParseOptions, MaxSourceLength);
        return new ParsedRule(source, null, tree, loads, errors);
    }

    private static RuleCompilation Compile(string path, ParsedRule parsed, string version, bool checks = true)
    {
        var rule = new RuleDescriptor(IdOf(path), version, path);
        if (parsed.TooLarge is not null || parsed.Tree is null)
        {
            return new RuleCompilation(rule, [parsed.TooLarge!], null);
        }

        var root = parsed.Tree.GetCompilationUnitRoot();
        var refused = !checks ? [] : Checks.SelectMany(check => check.Check(root, path))
            .Concat(parsed.Loads.SelectMany(loaded => Checks.SelectMany(check => check.Check(loaded.Unit, loaded.DiagnosticPath))))
            .Concat(parsed.LoadErrors)
            .ToList();
        var syntax = ToRuleDiagnostics(parsed.Tree.GetDiagnostics(), path)
            .Concat(parsed.Loads.SelectMany(loaded => ToRuleDiagnostics(loaded.Unit.SyntaxTree.GetDiagnostics(), loaded.DiagnosticPath)))
            .ToList();
        if (refused.Count > 0 || syntax.Any(d => d.IsError))
        {
            return new RuleCompilation(rule, Sort(syntax.Concat(refused)), null);
        }

        var (metadata, metadataErrors) = RuleMetadataParser.Parse(parsed.Source, rule.Id, path);
        if (metadataErrors.Count > 0)
        {
            return new RuleCompilation(rule, Sort(syntax.Concat(metadataErrors)), null) { Metadata = metadata };
        }

        var tree = CSharpSyntaxTree.ParseText(
            RuleSourceBuilder.Build([.. parsed.Loads.Select(loaded => (loaded.Unit, loaded.LinePath)), (root, RuleSourceBuilder.ScriptFileName)]),
            ClassParseOptions,
            path + ".rule.cs",
            Encoding.UTF8);
        if (RuleSourceBuilder.Mismatch(tree, [.. parsed.Loads.Select(loaded => loaded.Unit), root]) is { } mismatch)
        {
            return new RuleCompilation(rule, [SandboxDiagnostics.Error(path, mismatch.GetLocation(), SandboxDiagnostics.FeatureNotAvailable, "this code reads differently once compiled; write it without directives or unusual trivia")], null) { Metadata = metadata };
        }

        var compilation = CSharpCompilation.Create("MarketpilotRule_" + version, [tree], References, CompilationOptions);
        var diagnostics = Sort(ToRuleDiagnostics(compilation.GetDiagnostics(), path));
        if (diagnostics.Any(d => d.IsError))
        {
            return new RuleCompilation(rule, diagnostics, null) { Metadata = metadata };
        }

        // One semantic model for the checks and the rewriter: each model binds the rule's body anew, and
        // that binding, not the checks themselves, is most of what a large rule costs.
        var model = compilation.GetSemanticModel(tree);
        var sandbox = checks ? SemanticCheck.Check(model, tree, path) : [];
        if (sandbox.Count > 0)
        {
            return new RuleCompilation(rule, Sort(diagnostics.Concat(sandbox)), null) { Metadata = metadata };
        }

        // The rewritten tree itself is emitted, not its text parsed again: what is compiled is the checked
        // tree plus the checks, node for node.
        var instrumented = CSharpSyntaxTree.Create(
            (CSharpSyntaxNode)new BudgetRewriter(model).Visit(tree.GetRoot()),
            ClassParseOptions,
            path + ".rule.cs",
            Encoding.UTF8);
        using var image = new MemoryStream();
        var emitted = compilation.ReplaceSyntaxTree(tree, instrumented).Emit(image, options: EmitOptions);
        if (!emitted.Success)
        {
            // The rule compiled before instrumentation; failing after it is a bug of the rewriter.
            var internalErrors = emitted.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error)
                .Select(d => new RuleDiagnostic(path, 1, 1, "error", "MP1000", "the sandbox could not instrument this rule: " + d.GetMessage(CultureInfo.InvariantCulture)));
            return new RuleCompilation(rule, Sort(diagnostics.Concat(internalErrors)), null) { Metadata = metadata };
        }

        var compiled = CompiledRule.Load(rule, image.ToArray());
        compiled.Metadata = metadata;
        compiled.Limits = metadata.LimitsFrom(RuleLimits.Default, RuleLimits.DefaultCeiling);
        return new RuleCompilation(rule, diagnostics, compiled) { Metadata = metadata };
    }

    /// <summary>Refuses a text too long or too deeply nested to parse safely.</summary>
    /// <param name="source">The text.</param>
    /// <param name="path">Its path, for the diagnostic.</param>
    /// <returns>The diagnostic, or <see langword="null"/> when the text may be parsed.</returns>
    internal static RuleDiagnostic? Oversized(string source, string path)
    {
        if (source.Length > MaxSourceLength)
        {
            return new RuleDiagnostic(path, 1, 1, "error", SandboxDiagnostics.TooLarge, string.Create(CultureInfo.InvariantCulture, $"the rule is {source.Length} characters long; rules may have at most {MaxSourceLength}"));
        }

        // Deep nesting can overflow the compiler's own stack (dotnet/roslyn#20062): refuse it before parsing.
        var depth = 0;
        var line = 1;
        var column = 0;
        foreach (var c in source)
        {
            column++;
            if (c == '\n')
            {
                line++;
                column = 0;
            }
            else if (c is '(' or '[' or '{')
            {
                if (++depth > MaxNesting)
                {
                    return new RuleDiagnostic(path, line, column, "error", SandboxDiagnostics.TooLarge, string.Create(CultureInfo.InvariantCulture, $"brackets are nested more than {MaxNesting} deep"));
                }
            }
            else if (c is ')' or ']' or '}')
            {
                depth = Math.Max(0, depth - 1);
            }
        }

        return null;
    }

    private static IEnumerable<RuleDiagnostic> ToRuleDiagnostics(IEnumerable<Diagnostic> diagnostics, string path) =>
        diagnostics
            .Where(d => d.Severity >= DiagnosticSeverity.Warning)
            .Select(d =>
            {
                var span = d.Location.IsInSource ? d.Location.GetMappedLineSpan() : default;
                var script = d.Location.SourceTree?.Options.Kind == SourceCodeKind.Script;
                var start = span.IsValid && span.HasMappedPath || script ? span.StartLinePosition : default;
                return new RuleDiagnostic(
                    script ? path : SandboxDiagnostics.PathOf(span, path),
                    start.Line + 1,
                    start.Character + 1,
                    d.Severity == DiagnosticSeverity.Error ? "error" : "warning",
                    d.Id,
                    SandboxDiagnostics.Readable(d.GetMessage(CultureInfo.InvariantCulture)));
            });

    private static ImmutableArray<RuleDiagnostic> Sort(IEnumerable<RuleDiagnostic> diagnostics) =>
        [.. diagnostics.OrderBy(d => d.Path, StringComparer.Ordinal).ThenBy(d => d.Line).ThenBy(d => d.Column)];

    private static ImmutableArray<MetadataReference> BuildReferences()
    {
        // Implementation assemblies of the running host, so a deployed host needs no reference pack.
        // System.Runtime carries the type forwards the SDK was compiled against. References are a
        // coarse filter only: the allowlist decides what a rule may use.
        // The assemblies of things rules may not use are referenced too, so that using them is
        // refused with a clear MP1001 rather than "the name does not exist".
        Assembly[] assemblies =
        [
            typeof(object).Assembly,
            typeof(Enumerable).Assembly,
            typeof(RuleGlobals).Assembly,
            typeof(RuleScript).Assembly,
            .. new[]
            {
                "System.Runtime", "System.Collections", "System.Console", "System.Net.Http", "System.Net.Primitives", "System.Net.Sockets",
                "System.Diagnostics.Process", "System.Text.RegularExpressions", "System.Threading", "System.Threading.Thread",
                "System.Threading.Tasks.Parallel", "System.Linq.Expressions", "System.Runtime.InteropServices",
                "System.ComponentModel.Primitives", "System.Private.Uri", "System.Text.Json",
            }.Select(name => Assembly.Load(new AssemblyName(name))),
        ];
        return [.. assemblies.Distinct().Select(a => (MetadataReference)MetadataReference.CreateFromFile(a.Location))];
    }

    private sealed record CachedImage(byte[] Image, ImmutableArray<RuleDiagnostic> Warnings);
}
