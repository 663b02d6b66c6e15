using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Experiments;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Tests;

/// <summary>A rule on a rollout whose test arm crosses its emergency threshold is switched off, rolled back and reported, on the real executable.</summary>
public sealed class EmergencyStopTests
{
    private const string RuleId = "trial-raise";
    private static readonly Rollout Half = Rollout.Parse("50%");

    [Fact]
    public async Task AMarginCollapseInTheTestArmStopsTheRuleUndoesItsPriceChangesAndTellsTheManager()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        scripts.File($"{RuleId}.csx", """
            // @rollout: 50%
            // @emergency: margin-drop=5pt
            // @cooldown: 30d
            if (Sku.Price >= 9000) SetPrice(Sku.Price + 50, "trial raise");
            """);
        await using var host = await HostProcess.StartWithScriptsAsync(
            data.Path, scripts.Path, [.. NoSync.Args, "--Marketpilot:Experiments:CheckIntervalSeconds=1"]);
        var skus = Enumerable.Range(1, 40).Select(i => $"SIM-{i:00000}").ToList(); // the simulator's ids start at SIM-00001
        var testSkus = skus.Where(s => Half.ArmOf(RuleId, new SkuKey("simulator", "demo", s)) == ExperimentArm.Test).ToList();

        // Day 1: both arms alike; the rule fires once per SKU (cooldown), applied in the test arm, recorded in control.
        // Prices are far above the simulator's minimum prices, which it enforces.
        await PostAsync(host, skus, ["2026-11-11"], _ => (10_000m, 5_000m));
        var applied = await host.EventuallyAsync(async () =>
        {
            var items = await ActionsAsync(host, "");
            return items.Count(a => a.GetProperty("status").GetString() == "applied") == testSkus.Count
                && items.Count(a => a.GetProperty("status").GetString() == "control") == skus.Count - testSkus.Count
                ? JsonSerializer.SerializeToElement(items.Where(a => a.GetProperty("status").GetString() == "applied").Select(a => a.GetProperty("actionId").GetString()))
                : null;
        }, TimeSpan.FromSeconds(60), "the first day's actions applied and recorded");

        // Days 2-10: the test arm's margin rate falls from 50% to about 33%.
        await PostAsync(host, skus, [.. Enumerable.Range(12, 9).Select(d => $"2026-11-{d}")], sku => testSkus.Contains(sku) ? (9_750m, 6_500m) : (10_000m, 5_000m));

        var rule = await host.EventuallyAsync(async () =>
        {
            var rules = await host.GetJsonAsync<JsonElement>("/api/v1/rules");
            var found = rules.EnumerateArray().Single(r => r.GetProperty("rule").GetProperty("id").GetString() == RuleId);
            return found.TryGetProperty("emergencyReason", out _) ? found : null;
        }, TimeSpan.FromSeconds(60), "the emergency stop");
        Assert.Equal("off", rule.GetProperty("mode").GetString());
        Assert.Contains("margin rate is", rule.GetProperty("emergencyReason").GetString(), StringComparison.Ordinal);
        var report = await host.GetJsonAsync<JsonElement>($"/api/v1/rules/{RuleId}/report?from=2026-11-11&to=2026-11-20");
        Assert.Equal(rule.GetProperty("emergencyReason").GetString(), report.GetProperty("emergencyStop").GetProperty("reason").GetString());

        var undone = await host.EventuallyAsync(async () =>
        {
            var undos = (await ActionsAsync(host, "")).Where(a => a.TryGetProperty("undoOf", out var of) && of.ValueKind == JsonValueKind.String).ToList();
            return undos.Count == testSkus.Count ? JsonSerializer.SerializeToElement(undos.Select(u => u.GetProperty("undoOf").GetString())) : null;
        }, TimeSpan.FromSeconds(60), "an undo of every applied price change");
        Assert.Equal(applied.EnumerateArray().Select(a => a.GetString()).Order(), undone.EnumerateArray().Select(a => a.GetString()).Order());
        await host.EventuallyAsync(
            () => Task.FromResult(host.Output.Contains($"Rule {RuleId} (version", StringComparison.Ordinal) ? Some.Json("true") : (JsonElement?)null),
            TimeSpan.FromSeconds(30), "the notification on the log channel");
    }

    private static async Task PostAsync(HostProcess host, List<string> skus, IReadOnlyList<string> days, Func<string, (decimal Price, decimal Cost)> prices)
    {
        var snapshots = skus.SelectMany(sku => days.Select(day =>
        {
            var (price, cost) = prices(sku);
            var snapshot = Some.Sku(sku, price: price, cost: cost, marketplace: "simulator", date: day);
            snapshot["shopId"] = "demo";
            snapshot["orders"] = 2 + (skus.IndexOf(sku) % 2);
            return (JsonNode)snapshot;
        })).ToArray();
        await Answers.JsonAsync(await host.PostJsonAsync("/api/v1/skus", Some.Array(snapshots)), HttpStatusCode.Accepted);
    }

    private static async Task<List<JsonElement>> ActionsAsync(HostProcess host, string filter) =>
        [.. (await host.GetJsonAsync<JsonElement>($"/api/v1/actions?rule={RuleId}&limit=1000{filter}")).GetProperty("items").EnumerateArray()];
}
