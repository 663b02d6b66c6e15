using System.Net;
using System.Text.Json;
using Marketpilot.Experiments;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Tests;

/// <summary><c>GET /api/v1/rules/{id}/report</c> and <c>rules report</c> on the real executable, over SKU-days posted through the API.</summary>
public sealed class RuleReportTests
{
    private const string RuleId = "half-rollout";
    private static readonly Rollout Half = Rollout.Parse("50%");

    [Fact]
    public async Task TheReportSplitsTheSkusByArmAndShowsAMarginLossWithAnIntervalBelowZero()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        // The rule never fires: the test arm's lower margin is in the posted data, so the report's arithmetic is what is tested.
        scripts.File($"{RuleId}.csx", "// @rollout: 50%\nif (Sku.Price < 0) Notify(\"manager\", \"never\");\n");
        await using var host = await HostProcess.StartWithScriptsAsync(data.Path, scripts.Path, NoSync.Args);

        var skus = Enumerable.Range(0, 40).Select(i => $"RPT-{i:00}").ToList();
        var days = Enumerable.Range(11, 10).Select(d => $"2026-11-{d}").ToList();
        var posted = skus.SelectMany(sku => days.Select(day =>
        {
            var test = Half.ArmOf(RuleId, new SkuKey("ozon", "shop-1", sku)) == ExperimentArm.Test;
            var snapshot = Some.Sku(sku, price: test ? 150m : 200m, cost: 100m, date: day);
            snapshot["orders"] = 1 + (skus.IndexOf(sku) % 3);
            return snapshot;
        })).ToArray();
        await Answers.JsonAsync(await host.PostJsonAsync("/api/v1/skus", Some.Array(posted)), HttpStatusCode.Accepted);

        var report = await host.GetJsonAsync<JsonElement>($"/api/v1/rules/{RuleId}/report?from=2026-11-11&to=2026-11-20");

        var testSkus = skus.Count(s => Half.ArmOf(RuleId, new SkuKey("ozon", "shop-1", s)) == ExperimentArm.Test);
        Assert.Equal(["ozon/shop-1"], report.GetProperty("shops").EnumerateArray().Select(s => s.GetString()));
        Assert.Equal("50%", report.GetProperty("rollout").GetString());
        Assert.Equal(testSkus, report.GetProperty("test").GetProperty("skus").GetInt32());
        Assert.Equal(40 - testSkus, report.GetProperty("control").GetProperty("skus").GetInt32());
        Assert.Equal(10L * testSkus, report.GetProperty("test").GetProperty("skuDays").GetInt64());
        Assert.True(report.GetProperty("enoughData").GetBoolean());
        var margin = report.GetProperty("kpis").EnumerateArray().Single(k => k.GetProperty("kpi").GetString() == KpiNames.Margin);
        Assert.True(margin.GetProperty("difference").GetProperty("high").GetDouble() < 0, margin.GetRawText());
        Assert.True(report.GetProperty("incrementalMargin").GetProperty("high").GetDouble() < 0);
        Assert.Contains("Welch", report.GetProperty("method").GetString(), StringComparison.Ordinal);
        Assert.Equal(400L, report.GetProperty("estimatedRevenueSkuDays").GetInt64()); // the posted snapshots carry no revenue
        Assert.False(report.TryGetProperty("emergencyStop", out _), "the rule declares no emergency thresholds");

        var url = host.BaseAddress.GetLeftPart(UriPartial.Authority);
        var table = await Cli.RunAsync("rules", "report", RuleId, "--from", "2026-11-11", "--to", "2026-11-20", "--url", url, "--api-key", host.ApiKey);
        var json = await Cli.RunAsync("rules", "report", RuleId, "--from", "2026-11-11", "--to", "2026-11-20", "--json", "--url", url, "--api-key", host.ApiKey);

        Assert.Equal(0, table.ExitCode);
        Assert.Contains($"rule {RuleId}: rollout 50%, 2026-11-11..2026-11-20, ozon/shop-1", table.StdOut, StringComparison.Ordinal);
        Assert.Contains("400 SKU-days had no marketplace revenue and count orders × price", table.StdOut, StringComparison.Ordinal);
        Assert.Matches(@"margin/SKU-day\s+[\d.,]+\s+[\d.,]+\s+-[\d.,]+ \[-[\d.,]+, -[\d.,]+\] \*", table.StdOut);
        Assert.Equal(0, json.ExitCode);
        Assert.Equal(testSkus, JsonDocument.Parse(json.StdOut).RootElement.GetProperty("test").GetProperty("skus").GetInt32());
    }

    [Fact]
    public async Task ABadWindowIsRefusedNamingTheParameterAndAnUnknownRuleIsNotFound()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(data.Path, NoSync.Args);

        var badDate = await Answers.JsonAsync(await host.Client.GetAsync("/api/v1/rules/min-margin/report?from=11/01/2026"), HttpStatusCode.BadRequest);
        var backwards = await Answers.JsonAsync(await host.Client.GetAsync("/api/v1/rules/min-margin/report?from=2026-11-20&to=2026-11-01"), HttpStatusCode.BadRequest);
        var unknown = await host.Client.GetAsync("/api/v1/rules/no-such-rule/report");
        var cli = await Cli.RunAsync("rules", "report", "min-margin", "--from", "yesterday", "--url", "http://127.0.0.1:1", "--api-key", "any");

        Assert.Contains("is not a date", badDate.GetProperty("errors").GetProperty("from")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("is before from", backwards.GetProperty("errors").GetProperty("to")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(2, cli.ExitCode);
        Assert.Contains("--from 'yesterday' is not a date", cli.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWindowThatEndsBeforeItStartsOnceTheDefaultsApplyOrADayBefore2000IsRefusedNamingItAsTheCliDoes()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(data.Path, NoSync.Args);
        await Answers.JsonAsync(await host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(Some.SkuId(), date: "2026-11-20"))), HttpStatusCode.Accepted);
        var url = host.BaseAddress.GetLeftPart(UriPartial.Authority);

        var afterData = await RefusedAsync(host, "from=2026-12-01", "from");
        var farAfterData = await RefusedAsync(host, "from=9999-12-31", "from");
        var earliestFrom = await RefusedAsync(host, "from=0001-01-01", "from");
        var earliestTo = await RefusedAsync(host, "to=0001-01-28", "to");
        var cliAfterData = await Cli.RunAsync("rules", "report", "min-margin", "--from", "2026-12-01", "--url", url, "--api-key", host.ApiKey);
        var cliEarliest = await Cli.RunAsync("rules", "report", "min-margin", "--to", "0001-01-01", "--url", url, "--api-key", host.ApiKey);

        Assert.Contains("'2026-12-01' is after the window's end: to is not given, so it ends on 2026-11-20, the newest day with data", afterData, StringComparison.Ordinal);
        Assert.Contains("'9999-12-31' is after 9000-12-31, the latest day a report covers", farAfterData, StringComparison.Ordinal);
        Assert.Contains("'0001-01-01' is before 1970-01-01", earliestFrom, StringComparison.Ordinal);
        Assert.Contains("'0001-01-28' is before 1970-01-01", earliestTo, StringComparison.Ordinal);
        Assert.Equal((2, true), (cliAfterData.ExitCode, cliAfterData.StdErr.Contains("ends on 2026-11-20, the newest day with data", StringComparison.Ordinal)));
        Assert.Equal((2, true), (cliEarliest.ExitCode, cliEarliest.StdErr.Contains("--to '0001-01-01' is before 1970-01-01", StringComparison.Ordinal)));
    }

    private static async Task<string> RefusedAsync(HostProcess host, string query, string field)
    {
        var problem = await Answers.JsonAsync(await host.Client.GetAsync($"/api/v1/rules/min-margin/report?{query}"), HttpStatusCode.BadRequest);
        return problem.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }
}
