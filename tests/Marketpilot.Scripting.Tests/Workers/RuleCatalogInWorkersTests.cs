using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests.Workers;

public sealed class RuleCatalogInWorkersTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ARuleThatCrashesItsWorkerIsListedAsQuarantinedWithTheReasonAndTheOtherRulesKeepRunning()
    {
        _folder.Write("crasher.csx", "System.Environment.Exit(42);");
        _folder.Write("good.csx", "Notify(\"manager\", Sku.Sku);");
        var options = Configure(skipSandboxChecks: true);
        await using var pool = WorkerPools.Create(options);
        using var catalog = CreateCatalog(options, pool);
        await catalog.LoadAsync();
        var crasher = catalog.Rules.Single(r => r.Id == "crasher");

        var crashed = await catalog.RunAsync(crasher, Some.Globals(), CancellationToken.None);
        var good = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => catalog.RunAsync(catalog.Rules.Single(r => r.Id == "good"), Some.Globals(Some.Sku($"S-{i}")), CancellationToken.None)));

        Assert.Equal(RuleOutcome.Failed, crashed.Outcome);
        var status = catalog.Describe().Single(s => s.Rule.Id == "crasher");
        Assert.True(status.Quarantined);
        Assert.Contains("crashed its worker twice", status.QuarantineReason, StringComparison.Ordinal);
        Assert.Contains("exited with code 42", status.QuarantineReason, StringComparison.Ordinal);
        Assert.Equal(["good"], catalog.Rules.Select(r => r.Id));
        Assert.All(good, run => Assert.Equal(RuleOutcome.Fired, run.Outcome));
    }

    [Fact]
    public async Task TheCatalogCompilesInWorkersAndTheHostNeverLoadsTheRule()
    {
        _folder.Write("margin.csx", "if (Sku.Price < Sku.Cost * 1.2m) SetPrice(Sku.Cost * 1.2m);");
        var options = Configure(skipSandboxChecks: false);
        await using var pool = WorkerPools.Create(options);
        using var catalog = CreateCatalog(options, pool);
        await catalog.LoadAsync();

        var run = await catalog.RunAsync(catalog.Rules.Single(), Some.Globals(Some.Sku(price: 100m)), CancellationToken.None);

        Assert.Equal(RuleOutcome.Fired, run.Outcome);
        Assert.Null(Assert.Single(catalog.CompiledRules).LoadContext);
        Assert.DoesNotContain(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "MarketpilotRule_" + run.Rule.Version);
    }

    private ScriptingOptions Configure(bool skipSandboxChecks) => WorkerPools.Configure(o =>
    {
        o.ScriptsPath = _folder.Path;
        o.WorkersSkipSandboxChecks = skipSandboxChecks;
        o.WatchForChanges = false;
    });

    private static RuleCatalog CreateCatalog(ScriptingOptions options, Scripting.Workers.RuleWorkerPool pool) =>
        new(new RuleCompiler(), Options.Create(options), NullLogger<RuleCatalog>.Instance, TimeProvider.System, pool);
}
