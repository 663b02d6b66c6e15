using System.Globalization;
using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary><c>GET /metrics</c> exposes the modules' instruments in Prometheus text, and their counts move as the host works.</summary>
public sealed class MetricsEndpointTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task ARuleThatFiresAndAnAppliedActionMoveTheirCounters()
    {
        using var anonymous = new HttpClient { BaseAddress = Host.BaseAddress };
        var before = Parse(await ScrapeAsync(anonymous));

        await ApplyASetPriceAsync("SIM-00003");

        var after = await Host.EventuallyAsync(async () =>
        {
            var now = Parse(await ScrapeAsync(anonymous));
            var moved = Sum(now, "marketpilot_rules_evaluations_total", "outcome=\"Fired\"") > Sum(before, "marketpilot_rules_evaluations_total", "outcome=\"Fired\"")
                && Sum(now, "marketpilot_actions_attempts_total", "status=\"applied\"") > Sum(before, "marketpilot_actions_attempts_total", "status=\"applied\"");
            return moved ? JsonSerializer.SerializeToElement(now) : null;
        }, TimeSpan.FromSeconds(60), "the rule and action counters to move");

        var samples = after.Deserialize<List<Sample>>()!;
        Assert.True(Sum(samples, "marketpilot_rules_evaluation_duration_milliseconds_count", "") > 0, "the evaluation latency histogram has samples");
        // The host's rules run in its workers: each message to one is counted with its evaluations and round trip.
        Assert.True(Sum(samples, "marketpilot_rules_worker_message_evaluations_count", "") > 0, "the rule workers' message histogram has samples");
        Assert.True(Sum(samples, "marketpilot_rules_worker_message_duration_milliseconds_count", "") > 0, "the rule workers' round-trip histogram has samples");
        Assert.Contains(samples, s => s.Name == "marketpilot_plugins_calls_total");
        // The SKU post was written through the embedded store's group commit.
        Assert.Contains(samples, s => s.Name.StartsWith("marketpilot_store_flush_duration", StringComparison.Ordinal) && s.Name.EndsWith("_count", StringComparison.Ordinal) && s.Value > 0);
        Assert.Contains(samples, s => s.Name.StartsWith("marketpilot_store_flush_writes", StringComparison.Ordinal));
        Assert.True(Sum(samples, "marketpilot_skus_updates_total", "") > Sum(before, "marketpilot_skus_updates_total", ""), "the SKU update counter moved");
        // Sampled from the store when the silo started and every 15 s after.
        Assert.Contains(samples, s => s.Name == "marketpilot_outbox_depth");
        Assert.Contains(samples, s => s.Name.StartsWith("marketpilot_outbox_oldest_age", StringComparison.Ordinal));
        // Orleans' own meter: the silo's active grains, the SKU grain just updated among them.
        Assert.True(Sum(samples, "orleans_catalog_activations", "") > 0, "the silo's activations are exported");
        // The runtime's and ASP.NET Core's meters: GC pauses and the SKU post's request duration, by route.
        Assert.Contains(samples, s => s.Name == "dotnet_gc_pause_time_seconds_total");
        Assert.Contains(samples, s => s.Name == "dotnet_thread_pool_queue_length");
        Assert.True(
            Sum(samples, "http_server_request_duration_seconds_count", "http_route=\"/api/v1/skus\"") > 0,
            "the SKU post's request duration is exported by route");
    }

    private async Task ApplyASetPriceAsync(string sku)
    {
        // As in UndoApiTests: a simulator SKU whose margin is too thin makes min-margin raise its price, which the simulator applies.
        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/min-margin/mode", """{"mode": "live"}"""), HttpStatusCode.OK);
        var snapshot = Some.Sku(sku, price: 20_000m, cost: 19_000m, marketplace: "simulator");
        snapshot["shopId"] = "demo";
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(snapshot)), HttpStatusCode.Accepted);
    }

    private static async Task<string> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static double Sum(IEnumerable<Sample> samples, string name, string label) =>
        samples.Where(s => s.Name == name && s.Labels.Contains(label, StringComparison.Ordinal)).Sum(s => s.Value);

    // Prometheus text format: `name{labels} value [timestamp]`; comments start with '#'.
    private static List<Sample> Parse(string text) =>
        [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(line => !line.StartsWith('#'))
            .Select(line =>
            {
                var brace = line.IndexOf('{', StringComparison.Ordinal);
                var close = line.LastIndexOf('}');
                var nameEnd = brace >= 0 ? brace : line.IndexOf(' ', StringComparison.Ordinal);
                var labels = brace >= 0 ? line[(brace + 1)..close] : "";
                var value = line[((brace >= 0 ? close : nameEnd) + 1)..].Trim().Split(' ')[0];
                return new Sample(line[..nameEnd], labels, double.Parse(value, CultureInfo.InvariantCulture));
            })];

    private sealed record Sample(string Name, string Labels, double Value);
}
