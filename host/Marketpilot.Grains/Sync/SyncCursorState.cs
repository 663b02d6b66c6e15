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
}
