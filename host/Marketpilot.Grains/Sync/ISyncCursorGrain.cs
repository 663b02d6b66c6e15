namespace Marketpilot.Grains.Sync;

/// <summary>Where the connector sync loop of one marketplace stopped, so it resumes from there after a restart.</summary>
/// <remarks>The grain key is the marketplace id, for example <c>ozon</c>.</remarks>
[Alias("Marketpilot.Grains.Sync.ISyncCursorGrain")]
public interface ISyncCursorGrain : IGrainWithStringKey
{
    /// <summary>Returns the last saved cursor, or <see langword="null"/> to start from the beginning.</summary>
    /// <returns>The cursor.</returns>
    [Alias("GetCursorAsync")]
    Task<string?> GetCursorAsync();

    /// <summary>Saves the cursor; the task completes once it is durable.</summary>
    /// <param name="cursor">The connector's cursor, or <see langword="null"/> to start over next time.</param>
    /// <returns>A task that completes once the cursor is persisted.</returns>
    [Alias("SetCursorAsync")]
    Task SetCursorAsync(string? cursor);
}
