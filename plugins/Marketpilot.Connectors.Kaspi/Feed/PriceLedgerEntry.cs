using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Kaspi.Feed;

/// <summary>One line of <c>prices.jsonl</c>: what happened to the shop's recorded prices, in order.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(PriceRecorded), "recorded")]
[JsonDerivedType(typeof(FeedBuilt), "built")]
[JsonDerivedType(typeof(FeedDelivered), "delivered")]
internal abstract record PriceLedgerEntry(DateTimeOffset At);

/// <summary>A price action was accepted: <paramref name="Price"/> (whole tenge) goes into every feed from now on.</summary>
internal sealed record PriceRecorded(DateTimeOffset At, long Seq, string Key, string Sku, decimal Price) : PriceLedgerEntry(At);

/// <summary>
/// A feed was built. <paramref name="Carried"/>: the recorded prices it carried. <paramref name="Bases"/>: the host's
/// snapshot price seen the first time a recorded price went into a feed (by seq). <paramref name="Retired"/>: recorded
/// prices dropped because the seller's own catalog posted a new price since (by seq, the price the feed used instead).
/// </summary>
internal sealed record FeedBuilt(
    DateTimeOffset At, string Version, IReadOnlyList<long> Carried, IReadOnlyDictionary<long, decimal> Bases, IReadOnlyDictionary<long, decimal> Retired)
    : PriceLedgerEntry(At);

/// <summary>The host reported that the feed <paramref name="Version"/> went out to Kaspi in full.</summary>
internal sealed record FeedDelivered(DateTimeOffset At, string Version) : PriceLedgerEntry(At);
