namespace Marketpilot.Grains.Feeds;

/// <summary>The persisted state of <see cref="FeedHistoryGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Feeds.FeedHistoryState")]
public sealed class FeedHistoryState
{
    /// <summary>The offer count of the last feed served in full.</summary>
    [Id(0)]
    public int? LastOfferCount { get; set; }

    /// <summary>When it was served.</summary>
    [Id(1)]
    public DateTimeOffset? ServedAt { get; set; }

    /// <summary>The offer count of the last refused feed the operator was alerted about; cleared once a feed is served.</summary>
    [Id(2)]
    public int? AlertedOfferCount { get; set; }
}
