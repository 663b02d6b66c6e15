using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

/// <summary><c>#load</c> of shared helper files inside the scripts folder, and nothing outside it.</summary>
public sealed class RuleLoadTests : IDisposable
{
    private const string Pricing = "// Shared pricing helpers.\ndecimal FloorFor(decimal cost, decimal margin) => Math.Ceiling(cost / (1 - margin) * 100) / 100;\n";

    private readonly TempFolder _scripts = new();
    private readonly RuleCompiler _compiler = new();

    public void Dispose() => _scripts.Dispose();

    [Fact]
    public async Task RuleUsesAFunctionFromALoadedFile()
    {
        Write("lib/pricing.csx", Pricing);
        var rule = Write("floor.csx", "#load \"lib/pricing.csx\"\nif (Sku.Cost > 0) SetPrice(FloorFor(Sku.Cost, 0.12m), \"floor\");");

        var compilation = await _compiler.CompileFileAsync(rule);

        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        var run = compilation.Compiled!.Evaluate(Some.Globals(Some.Sku(cost: 100m)));
        Assert.Equal(113.64m, Assert.IsType<SetPrice>(Assert.Single(run.Actions)).Price);
    }

    [Fact]
    public async Task LoadedFilesMayLoadOthersAndEachIsIncludedOnce()
    {
        Write("lib/pricing.csx", Pricing);
        Write("lib/rounding.csx", "#load \"pricing.csx\"\ndecimal Floor12(decimal cost) => FloorFor(cost, 0.12m);\n");
        var rule = Write("floor.csx", "#load \"lib/pricing.csx\"\n#load \"lib/rounding.csx\"\nSetPrice(Floor12(Sku.Cost) + FloorFor(0m, 0m));");

        var compilation = await _compiler.CompileFileAsync(rule);

        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
        Assert.Equal(113.64m, Assert.IsType<SetPrice>(Assert.Single(compilation.Compiled!.Evaluate(Some.Globals(Some.Sku(cost: 100m))).Actions)).Price);
    }

    [Fact]
    public async Task SandboxViolationInALoadedFileNamesThatFileAndLine()
    {
        Write("lib/reader.csx", "// reads a file\nstring Secret() => System.IO.File.ReadAllText(\"/etc/passwd\");\n");
        var rule = Write("leak.csx", "#load \"lib/reader.csx\"\nLog(Secret());");

        var compilation = await _compiler.CompileFileAsync(rule);

        Assert.Null(compilation.Compiled);
        var error = compilation.Diagnostics.First(d => d.Code == "MP1001" && d.Message.Contains("System.IO.File", StringComparison.Ordinal));
        Assert.Equal(Path.Combine(_scripts.Path, "lib/reader.csx"), error.Path);
        Assert.Equal(2, error.Line);
    }

    [Fact]
    public async Task CompileErrorInALoadedFileNamesThatFile()
    {
        Write("lib/broken.csx", "int Twice(int x) => x * 2\n");
        var rule = Write("uses-broken.csx", "#load \"lib/broken.csx\"\nLog(Twice(2).ToString());");

        var compilation = await _compiler.CompileFileAsync(rule);

        Assert.Null(compilation.Compiled);
        Assert.Contains(compilation.Diagnostics, d => d.IsError && d.Path == Path.Combine(_scripts.Path, "lib/broken.csx") && d.Line == 1);
    }

    [Fact]
    public async Task LoadOutsideTheScriptsFolderIsRefusedEvenWhenTheFileExists()
    {
        using var outside = new TempFolder();
        var secret = outside.Write("secret.csx", "Log(\"outside\");");
        var relative = Path.GetRelativePath(_scripts.Path, secret).Replace('\\', '/');
        var rule = Write("escape.csx", $"#load \"{relative}\"\n#load \"{secret}\"\n#load \"lib/notes.txt\"\nLog(\"x\");");

        var compilation = await _compiler.CompileFileAsync(rule);

        Assert.Null(compilation.Compiled);
        var refused = compilation.Diagnostics.Where(d => d.Code == "MP1001").ToList();
        Assert.Equal([1, 2, 3], refused.Select(d => d.Line));
        Assert.All(refused, d => Assert.Contains("only .csx files inside the scripts folder can be loaded", d.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task LinksThatLeadOutsideTheScriptsFolderAreRefused()
    {
        using var outside = new TempFolder();
        outside.Write("secret.csx", "Log(\"outside\");");
        File.CreateSymbolicLink(Path.Combine(_scripts.Path, "linked.csx"), Path.Combine(outside.Path, "secret.csx"));
        Directory.CreateSymbolicLink(Path.Combine(_scripts.Path, "shared"), outside.Path);
        var rule = Write("via-links.csx", "#load \"linked.csx\"\n#load \"shared/secret.csx\"\nLog(\"x\");");

        var compilation = await _compiler.CompileFileAsync(rule);

        Assert.Null(compilation.Compiled);
        Assert.Equal([1, 2], compilation.Diagnostics.Where(d => d.Code == "MP1001").Select(d => d.Line));
    }

    [Fact]
    public async Task MissingLoadedFileIsNamed()
    {
        var rule = Write("missing.csx", "#load \"lib/nowhere.csx\"\nLog(\"x\");");

        var compilation = await _compiler.CompileFileAsync(rule);

        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal((1, "MP1001"), (error.Line, error.Code));
        Assert.Contains("there is no file 'lib/nowhere.csx' in the scripts folder", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditingALoadedFileMakesANewVersionOfTheRule()
    {
        Write("lib/pricing.csx", Pricing);
        var rule = Write("floor.csx", "#load \"lib/pricing.csx\"\nSetPrice(FloorFor(Sku.Cost, 0.12m));");
        var first = await _compiler.CompileFileAsync(rule);

        Write("lib/pricing.csx", "decimal FloorFor(decimal cost, decimal margin) => cost * 2;\n");
        var second = await _compiler.CompileFileAsync(rule);

        Assert.NotEqual(first.Rule.Version, second.Rule.Version);
        Assert.False(second.FromCache);
        Assert.Equal(200m, Assert.IsType<SetPrice>(Assert.Single(second.Compiled!.Evaluate(Some.Globals(Some.Sku(cost: 100m))).Actions)).Price);
    }

    [Fact]
    public async Task FailureInLoadedCodeNamesTheFileAndLine()
    {
        // A loop keeps the JIT from inlining the function into the rule's line.
        Write("lib/fragile.csx", "// divides\nint Ratio(int a, int b)\n{\n    var r = 0;\n    for (var i = 0; i < 2; i++) r += a / b;\n    return r;\n}\n");
        var rule = Write("fragile.csx", "#load \"lib/fragile.csx\"\nLog(Ratio(1, 0).ToString());");

        var run = (await _compiler.CompileFileAsync(rule)).Compiled!.Evaluate(Some.Globals());

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.EndsWith("(lib/fragile.csx line 5)", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadedCodeIsBudgetedLikeTheRule()
    {
        Write("lib/spin.csx", "void Spin() { while (true) { } }\n");
        var rule = Write("spin.csx", "#load \"lib/spin.csx\"\nSpin();");

        var run = (await _compiler.CompileFileAsync(rule)).Compiled!.Evaluate(Some.Globals());

        Assert.Equal(RuleOutcome.TimedOut, run.Outcome);
        Assert.Contains("steps", run.Error, StringComparison.Ordinal);
    }

    private string Write(string relativePath, string text)
    {
        var path = Path.Combine(_scripts.Path, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
