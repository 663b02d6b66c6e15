using System.Text.Json;
using Marketpilot.Experiments;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary><c>marketpilot demo</c> through the real executable and the real simulator plugin.</summary>
public sealed class DemoCliTests
{
    private static readonly string BadRules = Path.Combine(RepoPaths.Root, "tests", "Marketpilot.Host.Tests", "Fixtures", "bad-rules");

    [Fact]
    public async Task EverySampleRuleGetsAnExperimentWithBothArmsAndASeedGivesTheSameResult()
    {
        var first = await DemoAsync("--days", "8", "--skus", "80", "--seed", "7", "--scripts", RepoPaths.Scripts);
        var again = await DemoAsync("--days", "8", "--skus", "80", "--seed", "7", "--scripts", RepoPaths.Scripts);

        var samples = Directory.GetFiles(RepoPaths.Scripts, "*.csx").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        var rules = first.GetProperty("rules").EnumerateArray().ToList();
        Assert.Equal(samples, rules.Select(r => r.GetProperty("ruleId").GetString()).Order(StringComparer.Ordinal).ToList());
        Assert.All(rules, rule =>
        {
            var report = rule.GetProperty("report");
            Assert.Equal("15%", report.GetProperty("rollout").GetString());
            Assert.True(report.GetProperty("test").GetProperty("skus").GetInt32() > 0, $"{rule.GetProperty("ruleId")} has test SKUs");
            Assert.True(report.GetProperty("control").GetProperty("skus").GetInt32() > 0, $"{rule.GetProperty("ruleId")} has control SKUs");
            Assert.Equal(80, report.GetProperty("test").GetProperty("skus").GetInt32() + report.GetProperty("control").GetProperty("skus").GetInt32());
        });
        Assert.Equal(8 * 80, first.GetProperty("skuDays").GetInt64());
        Assert.Equal(first.GetProperty("rules").GetRawText(), again.GetProperty("rules").GetRawText());
    }

    [Fact]
    public async Task ARuleThatGivesTheMarginAwayShowsTheLossWithAnIntervalBelowZero()
    {
        var result = await DemoAsync("--days", "30", "--skus", "200", "--seed", "11", "--scripts", BadRules);

        var rule = Assert.Single(result.GetProperty("rules").EnumerateArray());
        var report = rule.GetProperty("report");
        var margin = report.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == KpiNames.Margin).GetProperty("difference");
        Assert.True(rule.GetProperty("applied").GetInt32() > 0, "the simulator applied the price cuts");
        Assert.True(report.GetProperty("enoughData").GetBoolean());
        Assert.True(margin.GetProperty("high").GetDouble() < 0, $"the margin loss is significant: {margin.GetRawText()}");
        Assert.True(report.GetProperty("incrementalMargin").GetProperty("high").GetDouble() < 0);
    }

    [Fact]
    public async Task TheTableNamesEveryRuleAndBadOptionsAreRefused()
    {
        var table = await Cli.RunAsync("demo", "--days", "3", "--skus", "30", "--scripts", RepoPaths.Scripts);
        var badRollout = await Cli.RunAsync("demo", "--rollout", "0%");
        var badDays = await Cli.RunAsync("demo", "--days", "0");

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("rules, each on a 15% test arm against control; 30 SKUs, 3 days, seed 42", table.StdOut, StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(RepoPaths.Scripts, "*.csx"), f => Assert.Contains($"rule {Path.GetFileNameWithoutExtension(f)}: rollout 15%", table.StdOut, StringComparison.Ordinal));
        Assert.Contains("day 3/3", table.StdErr, StringComparison.Ordinal);
        Assert.Equal((2, true), (badRollout.ExitCode, badRollout.StdErr.Contains("--rollout", StringComparison.Ordinal)));
        Assert.Equal((2, true), (badDays.ExitCode, badDays.StdErr.Contains("--days 0 is not from 1 to 3650", StringComparison.Ordinal)));
    }

    private static async Task<JsonElement> DemoAsync(params string[] args)
    {
        var result = await Cli.RunAsync(["demo", "--json", .. args]);
        Assert.True(result.ExitCode == 0, $"demo exited {result.ExitCode}: {result.StdErr}");
        return JsonDocument.Parse(result.StdOut).RootElement.Clone();
    }
}
