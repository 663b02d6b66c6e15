using Marketpilot.Actions.Control;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.Grains.Tests.Actions;

/// <summary>Rule settings and the firing count are cluster-wide: set through one silo, seen by every silo, kept across a restart.</summary>
public sealed class RuleSettingsClusterTests : IDisposable
{
    private readonly TempDatabase _database = new();

    [Fact]
    public async Task SettingsSetThroughOneSiloAreWhatEverySiloAppliesAfterItsRefresh()
    {
        await using var cluster = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), new FakeConnector());
        var (first, second) = (Switches(cluster, 0), Switches(cluster, 1));
        var settings = new RuleSettings(Scope: "tag=summer", MaxFiringsPerDay: 5);

        await first.SetRuleSettingsAsync("min-margin", settings);
        await second.RefreshAsync();
        var after = ((IRuleSettingsSource)second).Current;
        await second.RefreshAsync();

        Assert.Equal(settings, after["min-margin"]);
        Assert.Same(after, ((IRuleSettingsSource)second).Current);
        Assert.Equal(settings, first.SettingsOf("min-margin"));
    }

    [Fact]
    public async Task SettingsWithNoFieldReturnTheRuleToItsHeader()
    {
        await using var cluster = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), new FakeConnector());
        var switches = Switches(cluster, 0);

        await switches.SetRuleSettingsAsync("min-margin", new RuleSettings(Cooldown: "3d"));
        var cleared = await switches.SetRuleSettingsAsync("min-margin", RuleSettings.None);

        Assert.Empty(cleared.AllRuleSettings());
        Assert.Same(RuleSettings.None, switches.SettingsOf("min-margin"));
    }

    [Fact]
    public async Task TheDailyFiringCountGrantsUpToTheLimitAndSurvivesARestart()
    {
        var key = IRuleQuotaGrain.KeyOf("capped", "ozon", "shop-1", new DateOnly(2026, 11, 21));
        var taken = new List<(bool, int)>();
        await using (var cluster = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), new FakeConnector()))
        {
            var quota = cluster.Client.GetGrain<IRuleQuotaGrain>(key);
            taken.Add(await quota.TakeFiringAsync(2));
            taken.Add(await quota.TakeFiringAsync(2));
            taken.Add(await quota.TakeFiringAsync(2));
        }

        await using var restarted = await SiloFixture.StartClusterAsync(_database.Path, new FakeRuleRunner(), new FakeConnector());
        var afterRestart = await restarted.Client.GetGrain<IRuleQuotaGrain>(key).TakeFiringAsync(3);
        var otherDay = await restarted.Client.GetGrain<IRuleQuotaGrain>(IRuleQuotaGrain.KeyOf("capped", "ozon", "shop-1", new DateOnly(2026, 11, 22))).TakeFiringAsync(2);

        Assert.Equal([(true, 0), (true, 1), (false, 2)], taken);
        Assert.Equal((true, 2), afterRestart);
        Assert.Equal((true, 0), otherDay);
    }

    public void Dispose() => _database.Dispose();

    private static AutomationSwitches Switches(Orleans.TestingHost.InProcessTestCluster cluster, int silo) =>
        cluster.Silos[silo].ServiceProvider.GetRequiredService<AutomationSwitches>();
}
