using System.Net.Http.Json;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;
using Xunit.Abstractions;

namespace Marketpilot.Host.Tests;

/// <summary>
/// The real executable with the simulator, killed with SIGKILL at random moments while its rules send actions, restarted
/// on the same data folder each time: every action the log shows as approved is applied exactly once in the simulator's
/// ledger, and none is left unsent or lost.
/// </summary>
public sealed class ExactlyOnceTests(ITestOutputHelper output)
{
    private const int Kills = 20;

    internal static readonly string[] Busy =
    [
        "--Marketpilot:Plugins:simulator:SkuCount=80",
        "--Marketpilot:Plugins:simulator:BackfillDays=3",
        "--Marketpilot:Plugins:simulator:DaysPerMinute=240",
        "--Marketpilot:Sync:PollIntervalMilliseconds=100",
        "--Marketpilot:Actions:RetryPollMilliseconds=200",
        "--Marketpilot:Actions:RetryDelayMilliseconds=200",
        "--Marketpilot:Actions:MaxRetryDelayMilliseconds=1000",
        "--Marketpilot:Actions:MaxAttempts=0",
    ];

    [Fact]
    public async Task EveryApprovedActionIsAppliedExactlyOnceAcrossKills()
    {
        using var data = new TempFolder();
        var random = new Random(20261204);
        for (var kill = 0; kill < Kills; kill++)
        {
            await using var host = await HostProcess.StartAsync(data.Path, Busy);

            // Kill only once this run's rules are sending: on a slow machine a run can take longer than the random
            // delay to sync and evaluate, and a kill before its first action proves nothing.
            var before = -1L;
            await host.EventuallyAsync(
                async () => (before = await LoggedActionsAsync(host)) >= 0 ? default(JsonElement) : null,
                TimeSpan.FromSeconds(90),
                "the action log to answer");
            await host.EventuallyAsync(
                async () => await LoggedActionsAsync(host) > before ? default(JsonElement) : null,
                TimeSpan.FromSeconds(90),
                $"run {kill + 1} to log an action");
            await Task.Delay(TimeSpan.FromMilliseconds(random.Next(0, 2500)));
            await host.CrashAsync();
        }

        // The last run syncs nothing new: it only sends what the killed runs left queued.
        await using var last = await HostProcess.StartAsync(data.Path, [.. Busy, "--Marketpilot:Sync:Enabled=false"]);
        await last.EventuallyAsync(
            async () => (await last.GetJsonAsync<JsonElement>("/api/v1/actions?status=proposed&limit=1")).GetProperty("total").GetInt64() == 0 ? default(JsonElement) : null,
            TimeSpan.FromSeconds(120),
            "the outbox to drain");
        var log = await ReadLogAsync(last);
        await last.StopAsync();
        var ledger = await ReadLedgerAsync(Path.Combine(data.Path, "simulator", "ledger.jsonl"));

        var marketplace = log.Where(a => a.Kind != "notify").ToList();
        var approved = marketplace.Where(a => a.Status is "applied" or "proposed" or "failed").Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        var appliedInLedger = ledger.Where(l => l.Outcome == "applied").GroupBy(l => l.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        output.WriteLine($"{Kills} kills; {log.Count} actions logged, {approved.Count} approved marketplace actions; ledger: {ledger.Count} deliveries, {ledger.Count(l => l.Outcome == "duplicate")} duplicates answered as applied");

        Assert.True(approved.Count >= 50, $"only {approved.Count} approved actions: the bursts were too small to prove anything");
        Assert.DoesNotContain(marketplace, a => a.Status is "proposed" or "failed");
        Assert.Empty(approved.Where(id => appliedInLedger.GetValueOrDefault(id) != 1).Select(id => $"{id}: applied {appliedInLedger.GetValueOrDefault(id)} times"));
        Assert.Empty(appliedInLedger.Keys.Where(key => !approved.Contains(key)).Select(key => $"{key}: applied but not approved in the log"));
    }

    /// <summary>How many actions the log holds, or -1 while the host does not answer yet (it is live, not yet ready).</summary>
    private static async Task<long> LoggedActionsAsync(HostProcess host)
    {
        using var response = await host.Client.GetAsync("/api/v1/actions?limit=1");
        return response.IsSuccessStatusCode
            ? (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("total").GetInt64()
            : -1;
    }

    internal static async Task<List<(string Id, string Kind, string Status)>> ReadLogAsync(HostProcess host)
    {
        var actions = new List<(string, string, string)>();
        for (var offset = 0; ; offset += 1000)
        {
            var page = await host.GetJsonAsync<JsonElement>($"/api/v1/actions?limit=1000&offset={offset}");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                actions.Add((item.GetProperty("actionId").GetString()!, item.GetProperty("action").GetProperty("kind").GetString()!, item.GetProperty("status").GetString()!));
            }

            if (offset + 1000 >= page.GetProperty("total").GetInt64())
            {
                return actions;
            }
        }
    }

    internal static async Task<List<(string Key, string Outcome)>> ReadLedgerAsync(string path)
    {
        var lines = new List<(string, string)>();
        foreach (var line in await File.ReadAllLinesAsync(path))
        {
            if (line.Length > 0)
            {
                using var entry = JsonDocument.Parse(line);
                lines.Add((entry.RootElement.GetProperty("key").GetString()!, entry.RootElement.GetProperty("outcome").GetString()!));
            }
        }

        return lines;
    }
}
