using Marketpilot.Grains.Skus;
using Marketpilot.Sdk.Catalog;
using Orleans.Providers;

namespace Marketpilot.Grains.Campaigns;

/// <summary>
/// Keeps one campaign's latest snapshot and daily history, and keeps the SKU grains it covers (or stopped covering)
/// up to date with it.
/// </summary>
/// <param name="state">The persisted state (default storage).</param>
/// <param name="timeProvider">The clock.</param>
public sealed class CampaignGrain(
    [PersistentState("campaign", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<CampaignState> state,
    TimeProvider timeProvider) : Grain, ICampaignGrain
{
    /// <inheritdoc/>
    public async Task<CampaignView> UpdateAsync(CampaignSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var key = this.GetPrimaryKeyString();
        if (GrainKeys.For(snapshot.Key) != key)
        {
            throw new ArgumentException($"Snapshot for '{snapshot.Key}' was sent to campaign grain '{key}'.", nameof(snapshot));
        }

        var now = timeProvider.GetUtcNow();
        var current = state.State;
        var coveredBefore = current.Snapshot?.Skus ?? [];
        var dated = snapshot.Date is null ? snapshot with { Date = DateOnly.FromDateTime(now.UtcDateTime) } : snapshot;
        current.Snapshot = snapshot;
        DailyHistory.Upsert(current.History, dated, static c => c.Date!.Value);
        current.UpdatedAt = now;
        await state.WriteStateAsync();

        // Both sets: SKUs it covers now get the new snapshot, SKUs it dropped see it without themselves and unlink it.
        await Task.WhenAll(snapshot.Skus.Union(coveredBefore, StringComparer.Ordinal).Select(sku =>
            GrainFactory.GetGrain<ISkuGrain>(GrainKeys.For(new SkuKey(snapshot.Marketplace, snapshot.ShopId, sku))).LinkCampaignAsync(snapshot)));

        return ToView(current);
    }

    /// <inheritdoc/>
    public Task<CampaignView?> GetAsync() =>
        Task.FromResult(state.RecordExists && state.State.Snapshot is not null ? ToView(state.State) : null);

    private static CampaignView ToView(CampaignState current) => new(current.Snapshot!, current.History.ToList(), current.UpdatedAt);
}
