using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>The console shows a summary line per interval, read from the meters, and no line per action at the default level.</summary>
public sealed partial class ConsoleSummaryTests
{
    [Fact]
    public async Task ANegativeIntervalStopsTheHostAtStartNamingTheKey()
    {
        using var data = new TempFolder();

        var result = await Cli.RunAsync("--data", data.Path, "--urls", "http://127.0.0.1:0", "--Marketpilot:Sync:Enabled=false", "--Marketpilot:Logging:SummaryIntervalSeconds=-5");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("SummaryIntervalSeconds", result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSummaryCountsAFiredRuleAndAnAppliedActionWhileTheActionGetsNoLineOfItsOwn()
    {
        using var data = new TempFolder();
        await using var host = await HostProcess.StartAsync(data.Path, "--Marketpilot:Sync:Enabled=false", "--Marketpilot:Logging:SummaryIntervalSeconds=1");
        await Answers.JsonAsync(await host.PutJsonAsync("/api/v1/rules/min-margin/mode", """{"mode": "live"}"""), HttpStatusCode.OK);
        var snapshot = Some.Sku("SIM-00005", price: 20_000m, cost: 19_000m, marketplace: "simulator");
        snapshot["shopId"] = "demo";
        await Answers.JsonAsync(await host.PostJsonAsync("/api/v1/skus", Some.Array(snapshot)), HttpStatusCode.Accepted);

        var action = await host.EventuallyAsync(async () =>
        {
            var page = await host.GetJsonAsync<JsonElement>("/api/v1/actions?sku=SIM-00005&rule=min-margin&status=applied");
            return page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } found ? found : null;
        }, TimeSpan.FromSeconds(90), "an applied min-margin action");
        await host.EventuallyAsync(
            () => Task.FromResult<JsonElement?>(AppliedSummary().IsMatch(host.Output) ? default(JsonElement) : null),
            TimeSpan.FromSeconds(30),
            "a summary line counting an applied action");

        Assert.Matches(FiredSummary(), host.Output);
        Assert.Matches(UpdateSummary(), host.Output);
        Assert.DoesNotContain(action.GetProperty("actionId").GetString()!, host.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Last 1 s: \d+ SKU updates, \d+ rule evaluations .*action attempts: [^;]*applied [1-9][^;]*; \d+ plugin calls failed; \d+ actions wait in the outbox")]
    private static partial Regex AppliedSummary();

    [GeneratedRegex(@"Last 1 s: \d+ SKU updates, [1-9]\d* rule evaluations \([1-9]\d* fired")]
    private static partial Regex FiredSummary();

    [GeneratedRegex(@"Last 1 s: [1-9]\d* SKU updates")]
    private static partial Regex UpdateSummary();
}
