using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Experiments;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Host.Tests.WebConsole;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Tests;

/// <summary>A rule on a rollout whose test arm crosses its emergency threshold is switched off, rolled back and reported, on the real executable.</summary>
public sealed class EmergencyStopTests
{
    private const string RuleId = "trial-raise";
    private static readonly Rollout Half = Rollout.Parse("50%");

    // 40 SKUs the simulator knows (its ids start at SIM-00001); the test arm is the rollout's half of them.
    private static readonly List<string> Skus = [.. Enumerable.Range(1, 40).Select(i => $"SIM-{i:00000}")];
    private static readonly List<string> TestSkus = [.. Skus.Where(s => Half.ArmOf(RuleId, new SkuKey("simulator", "demo", s)) == ExperimentArm.Test)];

    [Fact]
    public async Task AMarginCollapseInTheTestArmStopsTheRuleUndoesItsPriceChangesAndTellsTheManager()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        await using var host = await StartAsync(data, scripts, "// @emergency: margin-drop=5pt");

        // Day 1: both arms alike; the rule fires once per SKU (cooldown), applied in the test arm, recorded in control.
        // Prices are far above the simulator's minimum prices, which it enforces.
        await PostAsync(host, ["2026-11-11"], _ => (10_000m, 5_000m));
        var applied = await host.EventuallyAsync(async () =>
        {
            var items = await ActionsAsync(host, "");
            return items.Count(a => a.GetProperty("status").GetString() == "applied") == TestSkus.Count
                && items.Count(a => a.GetProperty("status").GetString() == "control") == Skus.Count - TestSkus.Count
                ? JsonSerializer.SerializeToElement(items.Where(a => a.GetProperty("status").GetString() == "applied").Select(a => a.GetProperty("actionId").GetString()))
                : null;
        }, TimeSpan.FromSeconds(60), "the first day's actions applied and recorded");

        // Days 2-10: the test arm's margin rate falls from 50% to about 33%.
        await PostAsync(host, [.. Enumerable.Range(12, 9).Select(d => $"2026-11-{d}")], MarginCollapse);

        var rule = await StoppedRuleAsync(host);
        Assert.Equal("off", rule.GetProperty("mode").GetString());
        Assert.Contains("margin rate is", rule.GetProperty("emergencyReason").GetString(), StringComparison.Ordinal);
        var report = await host.GetJsonAsync<JsonElement>($"/api/v1/rules/{RuleId}/report?from=2026-11-11&to=2026-11-20");
        Assert.Equal(rule.GetProperty("emergencyReason").GetString(), report.GetProperty("emergencyStop").GetProperty("reason").GetString());

        var undone = await host.EventuallyAsync(async () =>
        {
            var undos = (await ActionsAsync(host, "")).Where(a => a.TryGetProperty("undoOf", out var of) && of.ValueKind == JsonValueKind.String).ToList();
            return undos.Count == TestSkus.Count ? JsonSerializer.SerializeToElement(undos.Select(u => u.GetProperty("undoOf").GetString())) : null;
        }, TimeSpan.FromSeconds(60), "an undo of every applied price change");
        Assert.Equal(applied.EnumerateArray().Select(a => a.GetString()).Order(), undone.EnumerateArray().Select(a => a.GetString()).Order());
        await host.EventuallyAsync(
            () => Task.FromResult(host.Output.Contains($"Rule {RuleId} (version", StringComparison.Ordinal) ? Some.Json("true") : (JsonElement?)null),
            TimeSpan.FromSeconds(30), "the notification on the log channel");
    }

    [Fact]
    public async Task EmergencyThresholdsSetThroughTheSettingsApiStopARuleWhoseHeaderHasNone()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        await using var host = await StartAsync(data, scripts, "// no emergency thresholds in the header");

        var set = await Answers.JsonAsync(await host.PutJsonAsync($"/api/v1/rules/{RuleId}/settings", """{"emergency": "margin-drop=5pt"}"""), HttpStatusCode.OK);
        await PostAsync(host, [.. Enumerable.Range(11, 10).Select(d => $"2026-11-{d}")], MarginCollapse);

        var rule = await StoppedRuleAsync(host);
        Assert.Equal("margin-drop=5pt", set.GetProperty("settings").GetProperty("emergency").GetString());
        Assert.Equal("off", rule.GetProperty("mode").GetString());
        Assert.Contains("more than the 5-point threshold", rule.GetProperty("emergencyReason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AKeyScopedToAnotherShopSeesTheStopButNotTheFiguresOfTheShopsItCannotSee()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        var otherShop = "scoped-" + Guid.NewGuid().ToString("N");
        await using var host = await StartAsync(data, scripts, "// @emergency: margin-drop=5pt",
            $"--Marketpilot:Api:ScopedKeys:0:Key={otherShop}", "--Marketpilot:Api:ScopedKeys:0:Shops:0=simulator/other", "--Marketpilot:Api:ScopedKeys:0:ReadOnly=true");
        using var scoped = new HttpClient { BaseAddress = host.BaseAddress };
        scoped.DefaultRequestHeaders.Add("X-Api-Key", otherShop);
        using var console = new ConsoleClient(host.BaseAddress);
        await console.SignInAsync(otherShop);

        await PostAsync(host, [.. Enumerable.Range(11, 10).Select(d => $"2026-11-{d}")], MarginCollapse);
        var stopped = (await StoppedRuleAsync(host)).GetProperty("emergencyReason").GetString()!;
        var report = await Answers.JsonAsync(await scoped.GetAsync($"/api/v1/rules/{RuleId}/report?from=2026-11-11&to=2026-11-20"), HttpStatusCode.OK);
        var page = await console.PageAsync($"/console/experiments/{RuleId}");

        Assert.Contains("margin rate is", stopped, StringComparison.Ordinal);
        var reason = report.GetProperty("emergencyStop").GetProperty("reason").GetString()!;
        Assert.Contains("emergency thresholds were crossed", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("margin rate is", reason, StringComparison.Ordinal);
        Assert.Contains("id=\"emergency-stop\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("margin rate is", page, StringComparison.Ordinal);
    }

    // The test arm sells at 9,750 with a cost of 6,500 (margin rate about 33%), the control arm at 10,000 with 5,000 (50%).
    private static (decimal Price, decimal Cost) MarginCollapse(string sku) => TestSkus.Contains(sku) ? (9_750m, 6_500m) : (10_000m, 5_000m);

    private static Task<HostProcess> StartAsync(TempFolder data, TempFolder scripts, string emergencyLine, params string[] more)
    {
        scripts.File($"{RuleId}.csx", $"""
            // @rollout: 50%
            {emergencyLine}
            // @cooldown: 30d
            if (Sku.Price >= 9000) SetPrice(Sku.Price + 50, "trial raise");
            """);
        return HostProcess.StartWithScriptsAsync(data.Path, scripts.Path, [.. NoSync.Args, "--Marketpilot:Experiments:CheckIntervalSeconds=1", LogChannel.OnConsole, .. more]);
    }

    private static Task<JsonElement> StoppedRuleAsync(HostProcess host) => host.EventuallyAsync(async () =>
    {
        var rules = await host.GetJsonAsync<JsonElement>("/api/v1/rules");
        var found = rules.EnumerateArray().Single(r => r.GetProperty("rule").GetProperty("id").GetString() == RuleId);
        // The stop is recorded first, then the rule is switched off as its rollback begins.
        return found.TryGetProperty("emergencyReason", out _) && found.GetProperty("mode").GetString() == "off" ? found : (JsonElement?)null;
    }, TimeSpan.FromSeconds(60), "the emergency stop and the rule off");

    private static async Task PostAsync(HostProcess host, IReadOnlyList<string> days, Func<string, (decimal Price, decimal Cost)> prices)
    {
        var snapshots = Skus.SelectMany(sku => days.Select(day =>
        {
            var (price, cost) = prices(sku);
            var snapshot = Some.Sku(sku, price: price, cost: cost, marketplace: "simulator", date: day);
            snapshot["shopId"] = "demo";
            snapshot["orders"] = 2 + (Skus.IndexOf(sku) % 2);
            return (JsonNode)snapshot;
        })).ToArray();
        await Answers.JsonAsync(await host.PostJsonAsync("/api/v1/skus", Some.Array(snapshots)), HttpStatusCode.Accepted);
    }

    private static async Task<List<JsonElement>> ActionsAsync(HostProcess host, string filter) =>
        [.. (await host.GetJsonAsync<JsonElement>($"/api/v1/actions?rule={RuleId}&limit=1000{filter}")).GetProperty("items").EnumerateArray()];
}
