namespace Marketpilot.Connectors.Kaspi.Feed;

/// <summary>A price a <c>SetPrice</c> action recorded for the feed, and what became of it.</summary>
internal sealed class RecordedPrice(long seq, string key, string sku, decimal price, DateTimeOffset recordedAt)
{
    public long Seq { get; } = seq;

    public string Key { get; } = key;

    public string Sku { get; } = sku;

    /// <summary>Whole tenge.</summary>
    public decimal Price { get; } = price;

    public DateTimeOffset RecordedAt { get; } = recordedAt;

    public RecordedPriceState State { get; set; } = RecordedPriceState.Pending;

    /// <summary>The host's snapshot price the first time a feed carried this price; a different one later means the seller set a new price.</summary>
    public decimal? BasePrice { get; set; }

    /// <summary>Whether the feed stopped carrying it because the seller's catalog posted a new price.</summary>
    public bool Retired { get; set; }

    /// <summary>The seller's price that retired it, or the key of the later action that superseded it.</summary>
    public string? ReplacedBy { get; set; }
}

/// <summary>Where a recorded price is on its way to Kaspi.</summary>
internal enum RecordedPriceState
{
    /// <summary>Recorded; no feed that carries it has reached Kaspi yet.</summary>
    Pending,

    /// <summary>A feed carrying it reached Kaspi: the action is applied.</summary>
    Delivered,

    /// <summary>A later price for the same SKU reached Kaspi first; Kaspi never showed this one.</summary>
    Superseded,

    /// <summary>The seller's catalog posted a new price before Kaspi fetched this one; Kaspi never showed it.</summary>
    OverriddenBySeller,
}
