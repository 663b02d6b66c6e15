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
}
