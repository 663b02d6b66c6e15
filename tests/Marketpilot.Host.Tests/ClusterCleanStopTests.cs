using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketpilot.Emulators.Hosting;
using Marketpilot.Emulators.Ozon;
using Marketpilot.Host.Tests.Support;
using Marketpilot.Persistence.PostgreSql.Tests.Support;
using Xunit.Abstractions;

namespace Marketpilot.Host.Tests;

/// <summary>
/// A silo stopped cleanly (SIGTERM, as in a rolling upgrade) while it holds claimed actions that a marketplace has not
/// answered: it gives them back to the outbox, and another silo sends them at once instead of after their leases
/// (2 × the plugin-call deadline + 1 minute). Two processes of the real executable on a real PostgreSQL, an Ozon shop at
/// its emulator.
/// </summary>
public sealed partial class ClusterCleanStopTests(ITestOutputHelper output)
{
    // Offers 16-20 are in no promotion; given a cost of 950 their prices (1,016-1,020) are under the 12% minimum margin.
    private static readonly int[] UnderMargin = [16, 17, 18, 19, 20];
    private const decimal Cost = 950m;
    private static readonly decimal Floor = Math.Ceiling(Cost / (1 - 0.12m) * 100) / 100;

    [SkippableFact]
    public async Task ASiloStoppedCleanlyGivesBackItsClaimedActionsAndAnotherSendsThemAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        using var data = new TempFolder();
        var scripts = Path.Combine(data.Path, "rules");
        Directory.CreateDirectory(scripts);
        File.Copy(Path.Combine(RepoPaths.Scripts, "min-margin.csx"), Path.Combine(scripts, "min-margin.csx"));
        await using var ozon = new OzonEmulator().Seed(20);
        foreach (var n in UnderMargin)
        {
            ozon.Product(OzonEmulator.OfferId(n)).NetPrice = Cost;
        }

        // Every price import is held far longer than the test runs, until the emulator is told to answer again.
        ozon.Faults.Kinds = [FaultKind.Timeout];
        ozon.Faults.TimeoutDelay = TimeSpan.FromMinutes(10);
        ozon.Faults.PathPrefix = "/v1/product/import/prices";
        ozon.Faults.Rate = 1;
        await ozon.StartAsync();
        string[] args =
        [
            "--Marketpilot:Scripting:Isolation=InProcess",
            "--Marketpilot:Plugins:simulator:SkuCount=3",
            "--Marketpilot:Plugins:simulator:BackfillDays=0",
            "--Marketpilot:Sync:PollIntervalMilliseconds=500",
            "--Marketpilot:Actions:RetryPollMilliseconds=200",
            .. RealShops.OzonArgs(ozon),
        ];
        await using var cluster = new ClusterSilos(database, data);

        // Automation off while the rule proposes, so the first silo claims all five price actions in one batch.
        var (first, _) = await cluster.StartWithScriptsAsync(scripts, args);
        await Answers.JsonAsync(await first.PutJsonAsync("/api/v1/automation", """{"enabled": false}"""), HttpStatusCode.OK);
        await first.EventuallyAsync(
            async () => await ProposedAsync(first) == UnderMargin.Length ? Some.Json("true") : (JsonElement?)null,
            TimeSpan.FromSeconds(60),
            $"{UnderMargin.Length} price actions proposed for the offers under the minimum margin");
        await Answers.JsonAsync(await first.PutJsonAsync("/api/v1/automation", """{"enabled": true}"""), HttpStatusCode.OK);
        await first.EventuallyAsync(() => ozon.Faults.Injected > 0, TimeSpan.FromSeconds(30), "the first silo's price import to reach Ozon and be held");

        Assert.Equal(0, await first.StopAsync());
        var stoppedAt = DateTime.UtcNow;
        var released = GaveBack().Match(first.Output);
        Assert.True(released.Success, "the first silo did not log that it gave claimed actions back:\n" + first.Output);
        Assert.InRange(int.Parse(released.Groups[1].Value, CultureInfo.InvariantCulture), 1, UnderMargin.Length);

        // Ozon answers again; the second silo pulls nothing, it only sends what the outbox holds. Its leases, had they not
        // been given back, would run at least a minute past this deadline.
        ozon.Faults.Rate = 0;
        var (second, _) = await cluster.StartWithScriptsAsync(scripts, [.. args, "--Marketpilot:Sync:Enabled=false"]);
        await second.EventuallyAsync(
            () => UnderMargin.All(n => ozon.Product(OzonEmulator.OfferId(n)).Price == Floor),
            TimeSpan.FromSeconds(40),
            $"the second silo to raise every offer under the margin to {Floor} at Ozon");
        output.WriteLine($"the first silo gave back {released.Groups[1].Value} claimed actions; every price was applied {(DateTime.UtcNow - stoppedAt).TotalSeconds:0.0} s after it stopped");

        // Ozon takes a price before the silo hears its answer and records the action applied.
        await second.EventuallyAsync(
            async () => await ProposedAsync(second) == 0 ? Some.Json("true") : (JsonElement?)null,
            TimeSpan.FromSeconds(15),
            "every given-back action to be recorded as applied");
        Assert.All(UnderMargin, n => Assert.Equal(1, ozon.PriceUpdates.GetValueOrDefault(OzonEmulator.OfferId(n))));
    }

    private static async Task<long> ProposedAsync(HostProcess host) =>
        (await host.GetJsonAsync<JsonElement>("/api/v1/actions?status=proposed&limit=1")).GetProperty("total").GetInt64();

    [GeneratedRegex(@"Stopping: (\d+) claimed actions not yet settled went back to the outbox")]
    private static partial Regex GaveBack();
}
