using MessagePack;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>What every rule's <see cref="RuleGlobals"/> on one SKU shares, as it crosses to a worker once per message.</summary>
/// <param name="Sku">The SKU's snapshot.</param>
/// <param name="History">Its daily metrics, <see cref="HistoryFields"/> numbers a day (the day number, then the counts): a third of the bytes of the records as JSON objects.</param>
/// <param name="Campaigns">The campaigns that cover it.</param>
/// <param name="Now">The evaluation time.</param>
/// <param name="Event">The marketplace event of an <c>event(...)</c> trigger; <see langword="null"/> otherwise.</param>
[MessagePackObject]
internal sealed record WorkerSkuContext(
    [property: Key(0)] SkuSnapshot Sku,
    [property: Key(1), MessagePackFormatter(typeof(WireFormatters.LongsAsBytes))] long[] History,
    [property: Key(2)] IReadOnlyList<CampaignSnapshot> Campaigns,
    [property: Key(3)] DateTimeOffset Now,
    [property: Key(4)] MarketplaceEvent? Event = null)
{
    private const int HistoryFields = 6;

    public static WorkerSkuContext From(RuleGlobals globals)
    {
        var history = new long[globals.History.Count * HistoryFields];
        for (var i = 0; i < globals.History.Count; i++)
        {
            var day = globals.History[i];
            var at = i * HistoryFields;
            history[at] = day.Date.DayNumber;
            history[at + 1] = day.Impressions;
            history[at + 2] = day.Clicks;
            history[at + 3] = day.AddToCart;
            history[at + 4] = day.Orders;
            history[at + 5] = day.Returns;
        }

        return new(globals.Sku, history, [.. globals.Campaigns], globals.Now, globals.Event);
    }

    public DailyMetrics[] HistoryMetrics()
    {
        var metrics = new DailyMetrics[History.Length / HistoryFields];
        for (var i = 0; i < metrics.Length; i++)
        {
            var at = i * HistoryFields;
            metrics[i] = new DailyMetrics(DateOnly.FromDayNumber((int)History[at]), History[at + 1], History[at + 2], History[at + 3], History[at + 4], History[at + 5]);
        }

        return metrics;
    }
}
