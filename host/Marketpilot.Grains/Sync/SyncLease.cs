namespace Marketpilot.Grains.Sync;

/// <summary>What <see cref="ISyncCursorGrain.AcquireAsync"/> answered: whether the caller pulls now, and from where.</summary>
/// <param name="Granted">Whether the caller holds the lease and may pull the next page.</param>
/// <param name="Cursor">The saved cursor to pull from; <see langword="null"/> when not granted or when starting from the beginning.</param>
/// <param name="Holder">Who holds the lease after the call: the caller when granted, else the silo that pulls.</param>
/// <param name="ExpiresAt">When the lease ends unless its holder renews it.</param>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Sync.SyncLease")]
public sealed record SyncLease(
    [property: Id(0)] bool Granted,
    [property: Id(1)] string? Cursor,
    [property: Id(2)] string? Holder,
    [property: Id(3)] DateTimeOffset ExpiresAt);
