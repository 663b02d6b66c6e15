using System.Security.Cryptography;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary><c>marketpilot rules backtest</c> through the real executable, on the simulator's history and on a stopped host's store.</summary>
public sealed class BacktestCliTests
{
    [Fact]
    public async Task ASampleRuleReplayedOnTheSimulatorProposesWhatItsHeaderAndBodySayWithAnEstimate()
    {
        var result = await Cli.RunAsync("rules", "backtest", Path.Combine(RepoPaths.Scripts, "min-margin.csx"), "--source", "simulator", "--days", "6", "--skus", "60", "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        var backtest = JsonDocument.Parse(result.StdOut).RootElement;
        Assert.Equal("min-margin", backtest.GetProperty("ruleId").GetString());
        Assert.Equal(6L * 60, backtest.GetProperty("skuDays").GetInt64());
        var proposals = backtest.GetProperty("proposals").EnumerateArray().ToList();
        Assert.NotEmpty(proposals);
        Assert.All(proposals, p =>
        {
            Assert.Equal("setPrice", p.GetProperty("action").GetProperty("kind").GetString());
            Assert.Contains("is below 12%", p.GetProperty("action").GetProperty("reason").GetString(), StringComparison.Ordinal);
        });
        Assert.Contains(proposals, p => p.TryGetProperty("estimatedMarginEffect", out var e) && e.ValueKind == JsonValueKind.Number);
    }

    [Fact]
    public async Task AnEventRuleIsBacktestedWithAWarningThatItsEventsAreNotReplayed()
    {
        var result = await Cli.RunAsync("rules", "backtest", Path.Combine(RepoPaths.Scripts, "retargeting.csx"), "--source", "simulator", "--days", "2", "--skus", "20", "--json");

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Contains("warning: retargeting runs on event(view-without-purchase, 24h); a backtest replays daily data without events", result.StdErr, StringComparison.Ordinal);
        Assert.Empty(JsonDocument.Parse(result.StdOut).RootElement.GetProperty("proposals").EnumerateArray());
    }

    [Fact]
    public async Task TheStoreOfAStoppedHostIsReplayedWithItsShopsOwnGuardrailsAndLeftAsItWas()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        scripts.File("five-up.csx", "SetPrice(Math.Round(Sku.Price * 1.05m, 2), \"five percent up\");\n");
        await using (var host = await HostProcess.StartAsync(
            data.Path, "--Marketpilot:Plugins:simulator:SkuCount=20", "--Marketpilot:Plugins:simulator:BackfillDays=8", "--Marketpilot:Sync:PollIntervalMilliseconds=200"))
        {
            await host.EventuallyAsync(async () =>
            {
                var response = await host.Client.GetAsync("/api/v1/skus/simulator/demo/SIM-00020");
                return response.IsSuccessStatusCode && JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("history").GetArrayLength() >= 8
                    ? Some.Json("true") : null;
            }, TimeSpan.FromSeconds(120), "eight days of the last SKU stored");
            // The shop's own limit, tighter than the 25% default: the live host would refuse a 5% step in this shop.
            using var put = await host.PutJsonAsync("/api/v1/shops/simulator/demo/guardrails", """{"maxPriceChangePerAction": 0.02}""");
            Assert.Equal(System.Net.HttpStatusCode.OK, put.StatusCode);
        }

        var store = Path.Combine(data.Path, "marketpilot.db");
        var before = SHA256.HashData(await File.ReadAllBytesAsync(store));
        var result = await Cli.RunAsync("rules", "backtest", Path.Combine(RepoPaths.Scripts, "stock-guard.csx"), "--data", data.Path, "--days", "3", "--json");
        var stepUp = await Cli.RunAsync("rules", "backtest", Path.Combine(scripts.Path, "five-up.csx"), "--data", data.Path, "--days", "3", "--json");
        var onDefaults = await Cli.RunAsync("rules", "backtest", Path.Combine(scripts.Path, "five-up.csx"), "--source", "simulator", "--days", "2", "--skus", "20", "--json");
        var missing = await Cli.RunAsync("rules", "backtest", Path.Combine(RepoPaths.Scripts, "stock-guard.csx"), "--data", Path.Combine(data.Path, "nowhere"));

        Assert.True(result.ExitCode == 0, result.StdErr);
        Assert.Equal(3L * 20, JsonDocument.Parse(result.StdOut).RootElement.GetProperty("skuDays").GetInt64());
        Assert.True(stepUp.ExitCode == 0, stepUp.StdErr);
        var refused = JsonDocument.Parse(stepUp.StdOut).RootElement.GetProperty("proposals").EnumerateArray().ToList();
        Assert.Equal(3 * 20, refused.Count);
        Assert.All(refused, p => Assert.Equal("maxPriceChangePerAction", p.GetProperty("guardrail").GetString()));
        // The same step on a shop with the default guardrails goes ahead.
        Assert.True(onDefaults.ExitCode == 0, onDefaults.StdErr);
        var allowed = JsonDocument.Parse(onDefaults.StdOut).RootElement.GetProperty("proposals").EnumerateArray().ToList();
        Assert.Equal(2 * 20, allowed.Count);
        Assert.All(allowed, p => Assert.False(p.TryGetProperty("guardrail", out var g) && g.ValueKind == JsonValueKind.String, p.GetRawText()));
        Assert.Equal(before, SHA256.HashData(await File.ReadAllBytesAsync(store)));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("No Marketpilot store at", missing.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRuleRunsWithinTheHostsConfiguredBudgetsAndItsFailuresAreReported()
    {
        using var scripts = new TempFolder();
        scripts.File("busy.csx", "var n = 0;\nfor (var i = 0; i < 100_000; i++) { n += i % 3; }\nSetPrice(Sku.Price + n % 2, \"busy\");\n");
        // The host's default budget, not the rule's header: the built-in 1,000,000 steps would let this loop finish.
        var environment = new Dictionary<string, string> { ["Marketpilot__Scripting__MaxSteps"] = "1000" };

        var json = await Cli.RunAsync(environment, "rules", "backtest", Path.Combine(scripts.Path, "busy.csx"), "--source", "simulator", "--days", "2", "--skus", "10", "--json");
        var text = await Cli.RunAsync(environment, "rules", "backtest", Path.Combine(scripts.Path, "busy.csx"), "--source", "simulator", "--days", "1", "--skus", "10");

        Assert.True(json.ExitCode == 0, json.StdErr);
        var backtest = JsonDocument.Parse(json.StdOut).RootElement;
        Assert.Empty(backtest.GetProperty("proposals").EnumerateArray());
        Assert.Equal(2 * 10, backtest.GetProperty("failedRuns").GetInt64());
        Assert.Contains("TimedOut", backtest.GetProperty("firstFailure").GetString(), StringComparison.Ordinal);
        Assert.Contains("1000 steps", backtest.GetProperty("firstFailure").GetString(), StringComparison.Ordinal);
        Assert.True(text.ExitCode == 0, text.StdErr);
        Assert.Contains("the rule failed or ran out of its budgets on 10 SKU-days", text.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--to", "0001-01-01")]
    [InlineData("--from", "9999-12-31")]
    public async Task ADayOutsideTheDataCalendarIsABadArgument(string option, string day)
    {
        var result = await Cli.RunAsync("rules", "backtest", Path.Combine(RepoPaths.Scripts, "min-margin.csx"), option, day);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains($"error: {option} '{day}' must be between 1970-01-01 and 9000-12-31", result.StdErr, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AScriptThatDoesNotCompileIsReportedLikeRulesCheck()
    {
        using var scripts = new TempFolder();
        scripts.File("broken.csx", "SetPrice(\"free\", \"oops\");\n");

        var result = await Cli.RunAsync("rules", "backtest", Path.Combine(scripts.Path, "broken.csx"), "--source", "simulator", "--days", "1", "--skus", "5");

        Assert.Equal(1, result.ExitCode);
        Assert.Matches(@"broken\.csx\(1,\d+\): error CS\d+", result.StdErr);
    }
}
