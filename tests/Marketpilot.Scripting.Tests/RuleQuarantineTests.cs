using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleQuarantineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RuleIsQuarantinedAfterConsecutiveStopsWhileOtherRulesKeepRunning()
    {
        _folder.Write("spin.csx", "while (true) { }");
        _folder.Write("good.csx", "Notify(\"manager\", Sku.Sku);");
        using var catalog = CreateCatalog(quarantineAfter: 3);
        await catalog.LoadAsync();
        var spin = catalog.Rules.Single(r => r.Id == "spin");

        for (var i = 0; i < 3; i++)
        {
            var run = await catalog.RunAsync(spin, Some.Globals(Some.Sku($"S-{i}")), CancellationToken.None);
            Assert.Equal(RuleOutcome.TimedOut, run.Outcome);
        }

        Assert.Equal(["good"], catalog.Rules.Select(r => r.Id));
        var status = catalog.Describe().Single(s => s.Rule.Id == "spin");
        Assert.True(status.Quarantined);
        Assert.Contains("3 failed or stopped evaluations in a row", status.QuarantineReason, StringComparison.Ordinal);
        Assert.Contains("steps", status.QuarantineReason, StringComparison.Ordinal);
        Assert.NotNull(status.QuarantinedAt);
        var skipped = await catalog.RunAsync(spin, Some.Globals(), CancellationToken.None);
        Assert.Equal(RuleOutcome.Failed, skipped.Outcome);
        Assert.Contains("quarantined", skipped.Error, StringComparison.Ordinal);
        var good = await catalog.RunAsync(catalog.Rules[0], Some.Globals(), CancellationToken.None);
        Assert.Equal(RuleOutcome.Fired, good.Outcome);
    }

    [Fact]
    public async Task SuccessBetweenFailuresResetsTheCount()
    {
        _folder.Write("flaky.csx", "if (Sku.Stock == 0) throw new InvalidOperationException(\"no stock\");");
        using var catalog = CreateCatalog(quarantineAfter: 2);
        await catalog.LoadAsync();
        var rule = catalog.Rules[0];

        var first = await catalog.RunAsync(rule, Some.Globals(Some.Sku(stock: 0)), CancellationToken.None);
        var between = await catalog.RunAsync(rule, Some.Globals(Some.Sku(stock: 5)), CancellationToken.None);
        var last = await catalog.RunAsync(rule, Some.Globals(Some.Sku(stock: 0)), CancellationToken.None);

        // Two failures, as many as quarantine takes, but not in a row.
        Assert.Equal((RuleOutcome.Failed, RuleOutcome.NoAction, RuleOutcome.Failed), (first.Outcome, between.Outcome, last.Outcome));
        Assert.Single(catalog.Rules);
        Assert.False(Assert.Single(catalog.Describe()).Quarantined);
    }

    [Fact]
    public async Task NewVersionOfTheFileLiftsTheQuarantine()
    {
        var path = _folder.Write("spin.csx", "while (true) { }");
        using var catalog = CreateCatalog(quarantineAfter: 1, watch: true);
        await catalog.StartAsync(CancellationToken.None);
        await catalog.RunAsync(catalog.Rules[0], Some.Globals(), CancellationToken.None);
        Assert.Empty(catalog.Rules);

        File.WriteAllText(path, "Notify(\"a\", \"fixed\");");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (catalog.Rules.Count == 0)
        {
            await Task.Delay(50, timeout.Token);
        }

        var run = await catalog.RunAsync(catalog.Rules[0], Some.Globals(), CancellationToken.None);
        Assert.Equal(RuleOutcome.Fired, run.Outcome);
        Assert.False(Assert.Single(catalog.Describe()).Quarantined);
    }

    private RuleCatalog CreateCatalog(int quarantineAfter, bool watch = false) =>
        new(
            new RuleCompiler(),
            Options.Create(new ScriptingOptions { ScriptsPath = _folder.Path, WatchForChanges = watch, QuarantineAfterFailures = quarantineAfter }),
            NullLogger<RuleCatalog>.Instance,
            TimeProvider.System);
}
