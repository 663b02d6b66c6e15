namespace Marketpilot.Grains.Feeds;

/// <summary>
/// What the host last served as one shop's offer feed, kept durably so a feed that suddenly lists far fewer offers is
/// refused after a restart too. The key is the shop's, <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>.
/// </summary>
[Alias("Marketpilot.Grains.Feeds.IFeedHistoryGrain")]
public interface IFeedHistoryGrain : IGrainWithStringKey
{
    /// <summary>How many offers the last feed served in full listed; <see langword="null"/> before the first.</summary>
    [Alias("GetLastOfferCountAsync")]
    Task<int?> GetLastOfferCountAsync();

    /// <summary>Records that a feed listing <paramref name="offerCount"/> offers was served in full.</summary>
    /// <param name="offerCount">The feed's offer count.</param>
    /// <returns>A task that completes once the count is durable.</returns>
    [Alias("RecordServedAsync")]
    Task RecordServedAsync(int offerCount);

    /// <summary>Records a refused feed, and tells whether the operator is to be alerted: once per refused count in a row.</summary>
    /// <param name="offerCount">The refused feed's offer count.</param>
    /// <returns><see langword="true"/> the first time this count is refused since the last served feed or other refusal.</returns>
    [Alias("RecordRefusedAsync")]
    Task<bool> RecordRefusedAsync(int offerCount);
}
