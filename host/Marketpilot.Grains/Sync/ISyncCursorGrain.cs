namespace Marketpilot.Grains.Sync;

/// <summary>
/// One sync loop's cursor (where pulling stopped, so it resumes from there after a restart) and its lease (which silo
/// pulls it, so a cluster pulls each shop once, not once per silo).
/// </summary>
/// <remarks>
/// The grain key is the loop's key: the marketplace id (<c>simulator</c>) or marketplace and shop (<c>ozon/shop-1</c>).
/// A lease passes to another caller when it expires, when its holder releases it, or when the cluster membership
/// shows its holder dead (declared dead, or restarted: a newer generation of the silo at its address).
/// </remarks>
[Alias("Marketpilot.Grains.Sync.ISyncCursorGrain")]
public interface ISyncCursorGrain : IGrainWithStringKey
{
    /// <summary>Returns the last saved cursor, or <see langword="null"/> to start from the beginning.</summary>
    /// <returns>The cursor.</returns>
    [Alias("GetCursorAsync")]
    Task<string?> GetCursorAsync();

    /// <summary>Takes or renews the lease for <paramref name="duration"/> unless a live holder has it; durable when granted.</summary>
    /// <param name="holder">Who asks: a silo's address (<c>SiloAddress.ToParsableString()</c>), or any other stable name.</param>
    /// <param name="duration">How long the lease lasts without renewal: longer than one pull and the wait between pulls.</param>
    /// <returns>Whether it was granted, with the cursor to pull from.</returns>
    [Alias("AcquireAsync")]
    Task<SyncLease> AcquireAsync(string holder, TimeSpan duration);

    /// <summary>Saves the cursor if <paramref name="holder"/> still holds the lease; the task completes once it is durable.</summary>
    /// <param name="holder">Who pulled the page.</param>
    /// <param name="cursor">The connector's cursor, or <see langword="null"/> to start over next time.</param>
    /// <returns><see langword="false"/> when the lease has passed to another holder: the cursor was not saved.</returns>
    [Alias("SetCursorAsync")]
    Task<bool> SetCursorAsync(string holder, string? cursor);

    /// <summary>Gives the lease up, so another silo pulls at once; nothing happens if <paramref name="holder"/> does not hold it.</summary>
    /// <param name="holder">Who held it.</param>
    /// <returns>A task that completes once the release is durable.</returns>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(string holder);
}
