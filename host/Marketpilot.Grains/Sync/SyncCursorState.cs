namespace Marketpilot.Grains.Sync;

/// <summary>The persisted state of a <see cref="SyncCursorGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Sync.SyncCursorState")]
public sealed class SyncCursorState
{
    /// <summary>The connector's cursor.</summary>
    [Id(0)]
    public string? Cursor { get; set; }

    /// <summary>When the cursor was saved.</summary>
    [Id(1)]
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Who holds the lease; <see langword="null"/> when nobody does.</summary>
    [Id(2)]
    public string? Holder { get; set; }

    /// <summary>When the lease ends unless renewed.</summary>
    [Id(3)]
    public DateTimeOffset LeaseExpiresAt { get; set; }
}
