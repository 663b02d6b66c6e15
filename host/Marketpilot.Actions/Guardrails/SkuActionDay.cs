namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// What one SKU had approved on one UTC day, for the per-day guardrails; kept in the SKU's state and written with the
/// outbox records in one transaction, so a replayed evaluation (same action ids) is never counted twice.
/// </summary>
[GenerateSerializer]
[Alias("Marketpilot.Actions.SkuActionDay")]
public sealed class SkuActionDay
{
    /// <summary>The UTC day.</summary>
    [Id(0)]
    public DateOnly Date { get; set; }

    /// <summary>The SKU's price when the day's first price action was approved; the base of <see cref="GuardrailSettings.MaxPriceChangePerDay"/>.</summary>
    [Id(1)]
    public decimal? OpeningPrice { get; set; }

    /// <summary>The price the last approved price action set; the base of the next price action's change.</summary>
    [Id(2)]
    public decimal? Price { get; set; }

    /// <summary>How many coupons were approved.</summary>
    [Id(3)]
    public int Coupons { get; set; }

    /// <summary>The ids of the actions approved (or recorded) today, so a replay is recognised.</summary>
    [Id(4)]
    public HashSet<string> ActionIds { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The record for <paramref name="date"/>: this one when it is that day's, a fresh one otherwise.</summary>
    /// <param name="current">The SKU's current record, if any.</param>
    /// <param name="date">The UTC day of the evaluation.</param>
    /// <returns>The day's record.</returns>
    public static SkuActionDay For(SkuActionDay? current, DateOnly date) =>
        current is not null && current.Date == date ? current : new SkuActionDay { Date = date };
}
