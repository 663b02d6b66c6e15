using Orleans.Providers;

namespace Marketpilot.Grains.Sync;

/// <summary>Persists the sync cursor of one marketplace.</summary>
/// <param name="state">The persisted state (default storage).</param>
/// <param name="timeProvider">The clock.</param>
public sealed class SyncCursorGrain(
    [PersistentState("syncCursor", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<SyncCursorState> state,
    TimeProvider timeProvider) : Grain, ISyncCursorGrain
{
    /// <inheritdoc/>
    public Task<string?> GetCursorAsync() => Task.FromResult(state.State.Cursor);

    /// <inheritdoc/>
    public async Task SetCursorAsync(string? cursor)
    {
        state.State.Cursor = cursor;
        state.State.UpdatedAt = timeProvider.GetUtcNow();
        await state.WriteStateAsync();
    }
}
