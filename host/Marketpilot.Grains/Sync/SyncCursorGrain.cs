using Orleans.Providers;

namespace Marketpilot.Grains.Sync;

/// <summary>Persists one sync loop's cursor and lease (<see cref="ISyncCursorGrain"/>).</summary>
/// <remarks>
/// The lease is persisted, not kept in memory: when the silo holding this grain dies, the grain's next activation still
/// knows the holder, so a holder on a live silo keeps pulling and no second silo starts beside it.
/// </remarks>
/// <param name="state">The persisted state (default storage).</param>
/// <param name="membership">Tells whether a holder's silo is alive.</param>
/// <param name="timeProvider">The clock.</param>
public sealed class SyncCursorGrain(
    [PersistentState("syncCursor", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<SyncCursorState> state,
    IClusterMembershipService membership,
    TimeProvider timeProvider) : Grain, ISyncCursorGrain
{
    /// <inheritdoc/>
    public Task<string?> GetCursorAsync() => Task.FromResult(state.State.Cursor);

    /// <inheritdoc/>
    public async Task<SyncLease> AcquireAsync(string holder, TimeSpan duration)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        var now = timeProvider.GetUtcNow();
        if (state.State.Holder is { } current && current != holder && state.State.LeaseExpiresAt > now && !IsDead(current))
        {
            return new SyncLease(false, null, current, state.State.LeaseExpiresAt);
        }

        state.State.Holder = holder;
        state.State.LeaseExpiresAt = now + duration;
        await state.WriteStateAsync();
        return new SyncLease(true, state.State.Cursor, holder, state.State.LeaseExpiresAt);
    }

    /// <inheritdoc/>
    public async Task<bool> SetCursorAsync(string holder, string? cursor)
    {
        ArgumentException.ThrowIfNullOrEmpty(holder);
        if (state.State.Holder != holder)
        {
            return false;
        }

        state.State.Cursor = cursor;
        state.State.UpdatedAt = timeProvider.GetUtcNow();
        await state.WriteStateAsync();
        return true;
    }

    /// <inheritdoc/>
    public async Task ReleaseAsync(string holder)
    {
        if (state.State.Holder == holder)
        {
            state.State.Holder = null;
            state.State.LeaseExpiresAt = default;
            await state.WriteStateAsync();
        }
    }

    // A holder that is not a silo address (a test, a tool) is judged by its lease's expiry alone.
    private bool IsDead(string holder)
    {
        if (!SiloAddress.TryParse(holder, out var silo))
        {
            return false;
        }

        var snapshot = membership.CurrentSnapshot;
        return snapshot.GetSiloStatus(silo) == SiloStatus.Dead
            || snapshot.Members.Keys.Any(m => m.Endpoint.Equals(silo.Endpoint) && m.Generation > silo.Generation);
    }
}
