using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class RestartTests
{
    [Fact]
    public async Task SetPriceFromMinMarginAndTheSkuStateSurviveARestart()
    {
        using var data = new TempFolder();
        var sku = Some.SkuId();

        await using (var host = await HostProcess.StartAsync(data.Path, NoSync.Args))
        {
            var response = await host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(sku, price: 100m, cost: 95m)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await FindSetPriceAsync(host, sku);
            Assert.Equal(0, await host.StopAsync());
        }

        await using var restarted = await HostProcess.StartAsync(data.Path, NoSync.Args);
        var state = await restarted.GetJsonAsync<JsonElement>($"/api/v1/skus/ozon/shop-1/{sku}");
        var action = await FindSetPriceAsync(restarted, sku);

        Assert.Equal(100m, state.GetProperty("snapshot").GetProperty("price").GetDecimal());
        Assert.Contains(state.GetProperty("rules").EnumerateArray(), r => r.GetProperty("ruleId").GetString() == "min-margin" && r.GetProperty("lastOutcome").GetString() == "fired");
        Assert.Equal(107.96m, action.GetProperty("action").GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task AShopsOwnGuardrailsSurviveARestart()
    {
        using var data = new TempFolder();
        const string path = "/api/v1/shops/ozon/shop-1/guardrails";
        JsonElement set;

        await using (var host = await HostProcess.StartAsync(data.Path, NoSync.Args))
        {
            var response = await host.PutJsonAsync(path, """{"minMargin": 0.15, "maxCouponsPerSkuPerDay": 1}""");
            set = await Answers.JsonAsync(response, HttpStatusCode.OK);
            Assert.Equal(0, await host.StopAsync());
        }

        await using var restarted = await HostProcess.StartAsync(data.Path, NoSync.Args);
        var read = await restarted.GetJsonAsync<JsonElement>(path);

        Assert.True(read.GetProperty("custom").GetBoolean());
        Assert.Equal(0.15m, read.GetProperty("guardrails").GetProperty("minMargin").GetDecimal());
        Assert.Equal(1, read.GetProperty("guardrails").GetProperty("maxCouponsPerSkuPerDay").GetInt32());
        Assert.Equal(0.25m, read.GetProperty("guardrails").GetProperty("maxPriceChangePerAction").GetDecimal());
        Assert.Equal(set.GetRawText(), read.GetRawText());
    }

    [Fact]
    public async Task TheGeneratedApiKeyIsNeverLoggedTheConsoleSaysWhereItIs()
    {
        using var data = new TempFolder();
        string key, firstOutput;

        await using (var host = await HostProcess.StartAsync(data.Path, NoSync.Args))
        {
            key = host.ApiKey;
            await host.StopAsync();
            firstOutput = host.Output;
        }

        await using var restarted = await HostProcess.StartAsync(data.Path, NoSync.Args);
        var logFiles = string.Concat(Directory.GetFiles(Path.Combine(data.Path, "logs")).Select(File.ReadAllText));

        Assert.Matches(@"Generated an API key for this data folder in \S*api-key", firstOutput);
        Assert.DoesNotContain(key, firstOutput, StringComparison.Ordinal);
        Assert.DoesNotContain(key, restarted.Output, StringComparison.Ordinal);
        Assert.Contains("Loaded plugin simulator", logFiles, StringComparison.Ordinal);
        Assert.DoesNotContain(key, logFiles, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAcceptedSnapshotSurvivesAKilledProcess()
    {
        using var data = new TempFolder();
        var sku = Some.SkuId();

        await using (var host = await HostProcess.StartAsync(data.Path, NoSync.Args))
        {
            var response = await host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(sku, price: 321m)));
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            await host.CrashAsync();
        }

        await using var restarted = await HostProcess.StartAsync(data.Path, NoSync.Args);
        var state = await restarted.GetJsonAsync<JsonElement>($"/api/v1/skus/ozon/shop-1/{sku}");

        Assert.Equal(321m, state.GetProperty("snapshot").GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task EveryAcknowledgedUpdateOfABurstSurvivesAKillInTheMiddleOfIt()
    {
        using var data = new TempFolder();
        var acknowledged = new List<string>();

        await using (var host = await HostProcess.StartAsync(data.Path, NoSync.Args))
        {
            await BurstUntilKilledAsync(host, acknowledged, clients: 8, killAfterBatches: 10);
        }

        await using var restarted = await HostProcess.StartAsync(data.Path, NoSync.Args);
        var missing = await MissingAsync(restarted, acknowledged);

        Assert.True(acknowledged.Count >= 1_000);
        Assert.Empty(missing);
    }

    /// <summary>Clients post 100-item batches of new SKUs (price 321) without pause; after <paramref name="killAfterBatches"/> answers of 202 the host is killed with requests still in flight.</summary>
    private static async Task BurstUntilKilledAsync(HostProcess host, List<string> acknowledged, int clients, int killAfterBatches)
    {
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var skus = Enumerable.Range(0, 100).Select(_ => Some.SkuId()).ToArray();
                try
                {
                    using var response = await host.PostJsonAsync("/api/v1/skus", Some.Array([.. skus.Select(s => Some.Sku(s, price: 321m))]));
                    Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                }
                catch (HttpRequestException) when (stop.IsCancellationRequested)
                {
                    return;
                }

                lock (acknowledged)
                {
                    acknowledged.AddRange(skus);
                    if (acknowledged.Count >= killAfterBatches * 100)
                    {
                        enough.TrySetResult();
                    }
                }
            }
        })).ToArray();

        // Bounded: senders that all failed must fail the test, not hang the run.
        await enough.Task.WaitAsync(TimeSpan.FromMinutes(2));
        await stop.CancelAsync();
        await host.CrashAsync();
        await Task.WhenAll(senders);
    }

    private static async Task<List<string>> MissingAsync(HostProcess host, List<string> skus)
    {
        var missing = new List<string>();
        await Parallel.ForEachAsync(skus, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (sku, _) =>
        {
            using var response = await host.Client.GetAsync($"/api/v1/skus/ozon/shop-1/{sku}");
            var price = response.StatusCode == HttpStatusCode.OK
                ? JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("snapshot").GetProperty("price").GetDecimal()
                : 0m;
            if (price != 321m)
            {
                lock (missing)
                {
                    missing.Add(sku);
                }
            }
        });
        return missing;
    }

    private static Task<JsonElement> FindSetPriceAsync(HostProcess host, string sku) =>
        host.EventuallyAsync(
            async () =>
            {
                var page = await host.GetJsonAsync<JsonElement>($"/api/v1/actions?sku={sku}&rule=min-margin");
                var items = page.GetProperty("items").EnumerateArray().ToList();
                return items.Find(a => a.GetProperty("action").GetProperty("kind").GetString() == "setPrice") is { ValueKind: JsonValueKind.Object } found ? found : null;
            },
            TimeSpan.FromSeconds(120),
            $"a setPrice action for {sku}");
}
