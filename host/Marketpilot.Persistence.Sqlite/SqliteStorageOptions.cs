using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>Where and how the embedded SQLite store keeps grain state and the action log.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>Path of the database file; created (with its folder) on first use.</summary>
    /// <value>There is no default; the path is required.</value>
    [Required]
    public string DatabasePath { get; set; } = string.Empty;

    /// <summary>How long a statement waits for another connection's write lock before it fails.</summary>
    /// <value>The default is 5000 ms.</value>
    [Range(0, 600_000)]
    public int BusyTimeoutMilliseconds { get; set; } = 5000;

    /// <summary>
    /// The most grain writes committed in one transaction (group commit, see <c>docs/actions.md</c>). Every write is
    /// acknowledged only after its transaction is on disk.
    /// </summary>
    /// <value>The default is 256.</value>
    [Range(1, 10_000)]
    public int MaxWritesPerFlush { get; set; } = 256;

    /// <summary>
    /// How long the writer waits after the first write of a flush for more to arrive. At 0 a flush takes whatever
    /// was queued while the previous one was committing, which already gathers writes under load.
    /// </summary>
    /// <value>The default is 0 ms.</value>
    [Range(0, 100)]
    public int FlushDelayMilliseconds { get; set; }
}
