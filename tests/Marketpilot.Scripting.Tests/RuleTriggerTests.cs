using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleTriggerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task TriggersOfReadsTheRulesHeaderAndDefaultsToDataChange()
    {
        _folder.Write("scheduled.csx", "// @triggers: hourly, daily\nNotify(\"manager\", \"hi\");");
        _folder.Write("plain.csx", "Notify(\"manager\", \"hi\");");
        using var catalog = CreateCatalog();

        await catalog.LoadAsync();

        Assert.Equal([RuleTrigger.DataChange], catalog.TriggersOf(catalog.Rules.Single(r => r.Id == "plain")));
        Assert.Equal([RuleTrigger.Hourly, RuleTrigger.Daily], catalog.TriggersOf(catalog.Rules.Single(r => r.Id == "scheduled")));
    }

    [Fact]
    public async Task TheRuleStatusListsTheTriggers()
    {
        _folder.Write("nightly.csx", "// @triggers: daily, data-change\nNotify(\"manager\", \"hi\");");
        using var catalog = CreateCatalog();

        await catalog.LoadAsync();

        Assert.Equal([RuleTrigger.Daily, RuleTrigger.DataChange], Assert.Single(catalog.Describe()).Triggers);
    }

    [Fact]
    public void ARunnerThatSaysNothingAboutTriggersRunsItsRulesOnDataChange()
    {
        IRuleRunner runner = new SilentRunner();

        Assert.Equal([RuleTrigger.DataChange], runner.TriggersOf(new RuleDescriptor("any", "v1", "any.csx")));
    }

    private RuleCatalog CreateCatalog() =>
        new(
            new RuleCompiler(),
            Options.Create(new ScriptingOptions { ScriptsPath = _folder.Path, WatchForChanges = false, WarmUp = false }),
            NullLogger<RuleCatalog>.Instance,
            TimeProvider.System);

    private sealed class SilentRunner : IRuleRunner
    {
        public IReadOnlyList<RuleDescriptor> Rules => [];

        public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public IReadOnlyList<RuleStatus> Describe() => [];
    }
}
