using Orleans.Providers;

namespace Marketpilot.Grains.Feeds;

/// <inheritdoc cref="IFeedHistoryGrain"/>
public sealed class FeedHistoryGrain(
    [PersistentState("feedHistory", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<FeedHistoryState> state,
    TimeProvider timeProvider) : Grain, IFeedHistoryGrain
{
    /// <inheritdoc/>
    public Task<int?> GetLastOfferCountAsync() => Task.FromResult(state.State.LastOfferCount);

    /// <inheritdoc/>
    public async Task RecordServedAsync(int offerCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offerCount);
        state.State.LastOfferCount = offerCount;
        state.State.ServedAt = timeProvider.GetUtcNow();
        state.State.AlertedOfferCount = null;
        await state.WriteStateAsync();
    }

    /// <inheritdoc/>
    public async Task<bool> RecordRefusedAsync(int offerCount)
    {
        if (state.State.AlertedOfferCount == offerCount)
        {
            return false;
        }

        state.State.AlertedOfferCount = offerCount;
        await state.WriteStateAsync();
        return true;
    }
}
