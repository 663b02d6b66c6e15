using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleCatalogTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task GoodRulesRunAndBrokenRulesAreDescribedWithTheirDiagnostics()
    {
        _folder.Write("good.csx", "Notify(\"manager\", \"hi\");");
        _folder.Write("broken.csx", "var x = 1\nNotify(\"manager\", \"hi\");");
        _folder.Write("notes.txt", "not a rule");
        using var catalog = CreateCatalog();

        await catalog.LoadAsync();

        Assert.Equal(["good"], catalog.Rules.Select(r => r.Id));
        var broken = Assert.Single(catalog.Describe(), s => !s.Compiled);
        Assert.Equal("broken", broken.Rule.Id);
        Assert.Contains(broken.Diagnostics, d => d.Code == "CS1002");
    }

    [Fact]
    public async Task AScriptThatLinksToAFileOutsideTheFolderIsNotReadButOneThatLinksInsideIs()
    {
        using var outside = new TempFolder();
        outside.Write("secret.csx", "Notify(\"manager\", \"read from outside\");");
        _folder.Write("kept.csx", "Notify(\"manager\", \"hi\");");
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "escape.csx"), Path.Combine(outside.Path, "secret.csx"));
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "alias.csx"), Path.Combine(_folder.Path, "kept.csx"));
        using var catalog = CreateCatalog();

        await catalog.LoadAsync();

        Assert.Equal(["alias", "kept"], catalog.Describe().Select(s => s.Rule.Id));
    }

    [Fact]
    public async Task RulesAreSortedById()
    {
        _folder.Write("b.csx", "");
        _folder.Write("a.csx", "");
        _folder.Write("c.csx", "");
        using var catalog = CreateCatalog();

        await catalog.LoadAsync();

        Assert.Equal(["a", "b", "c"], catalog.Rules.Select(r => r.Id));
    }

    [Fact]
    public async Task ARunStoppedByItsBudgetCountsAsAFailureAndABudgetStop()
    {
        _folder.Write("spins.csx", "var n = 0;\nwhile (true) { n++; }");
        using var catalog = CreateCatalog();
        await catalog.LoadAsync();

        var run = await catalog.RunAsync(catalog.Rules[0], Some.Globals(), CancellationToken.None);

        var status = Assert.Single(catalog.Describe());
        Assert.Equal(RuleOutcome.TimedOut, run.Outcome);
        Assert.Equal((1L, 1L, 1L), (status.Runs, status.Failures, status.BudgetStops));
    }

    [Fact]
    public async Task FailingRunIncrementsFailures()
    {
        _folder.Write("throws.csx", "throw new InvalidOperationException(\"boom\");");
        using var catalog = CreateCatalog();
        await catalog.LoadAsync();

        await catalog.RunAsync(catalog.Rules[0], Some.Globals(), CancellationToken.None);
        var run = await catalog.RunAsync(catalog.Rules[0], Some.Globals(), CancellationToken.None);

        var status = Assert.Single(catalog.Describe());
        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.Equal((2L, 2L, 0L), (status.Runs, status.Failures, status.BudgetStops));
        Assert.Equal("InvalidOperationException: boom (line 1)", status.LastError);
        Assert.NotNull(status.LastRunAt);
    }

    [Fact]
    public async Task MissingFolderGivesNoRules()
    {
        using var catalog = CreateCatalog(Path.Combine(_folder.Path, "missing"));

        await catalog.LoadAsync();

        Assert.Empty(catalog.Rules);
        Assert.Empty(catalog.Describe());
    }

    [Fact]
    public async Task ChangedFileReplacesTheRuleWithItsNewVersion()
    {
        var path = _folder.Write("rule.csx", "Notify(\"a\", \"one\");");
        using var catalog = CreateCatalog(watch: true);
        await catalog.StartAsync(CancellationToken.None);
        var first = catalog.Rules[0].Version;

        File.WriteAllText(path, "Notify(\"a\", \"two\");");

        var replaced = await WaitForAsync(() => catalog.Rules.Count == 1 && catalog.Rules[0].Version != first);
        Assert.True(replaced);
        var run = await catalog.RunAsync(catalog.Rules[0], Some.Globals(), CancellationToken.None);
        Assert.Equal(new Sdk.Actions.Notify("a", "two"), Assert.Single(run.Actions));
    }

    [Fact]
    public async Task ChangedLoadedFileReplacesTheRulesThatLoadIt()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, "lib"));
        var helper = _folder.Write("lib/who.csx", "string Who() => \"one\";\n");
        _folder.Write("uses-helper.csx", "#load \"lib/who.csx\"\nNotify(\"a\", Who());");
        _folder.Write("plain.csx", "Notify(\"b\", \"plain\");");
        using var catalog = CreateCatalog(watch: true);
        await catalog.StartAsync(CancellationToken.None);
        var versions = catalog.Rules.ToDictionary(r => r.Id, r => r.Version);

        File.WriteAllText(helper, "string Who() => \"two\";\n");

        var replaced = await WaitForAsync(() => catalog.Rules.Single(r => r.Id == "uses-helper").Version != versions["uses-helper"]);
        Assert.True(replaced);
        var rule = catalog.Rules.Single(r => r.Id == "uses-helper");
        var run = await catalog.RunAsync(rule, Some.Globals(), CancellationToken.None);
        Assert.Equal(new Sdk.Actions.Notify("a", "two"), Assert.Single(run.Actions));
        Assert.Equal(versions["plain"], catalog.Rules.Single(r => r.Id == "plain").Version);
        Assert.Equal(2, catalog.Rules.Count);
    }

    private RuleCatalog CreateCatalog(string? path = null, bool watch = false) =>
        new(
            new RuleCompiler(),
            Options.Create(new ScriptingOptions { ScriptsPath = path ?? _folder.Path, WatchForChanges = watch }),
            NullLogger<RuleCatalog>.Instance,
            TimeProvider.System);

    private static async Task<bool> WaitForAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(50));
        while (!condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        return true;
    }
}
