using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>Which PostgreSQL database holds grain state, the action log and the cluster's tables, and how the store talks to it.</summary>
public sealed class PostgreSqlStorageOptions
{
    /// <summary>
    /// The Npgsql connection string (<c>Host=...;Port=...;Database=...;Username=...;Password=...</c>). It holds a
    /// password: it is never logged.
    /// </summary>
    /// <value>There is no default; it is required.</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>How long one statement may run before it fails.</summary>
    /// <value>The default is 30 s.</value>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>
    /// Whether the silo creates or upgrades the schema when it starts, as <c>marketpilot db init</c> does. Off for
    /// operators who run <c>db init</c> themselves, for example with a role that may change the schema.
    /// </summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool CreateSchemaOnStart { get; set; } = true;

    /// <summary>
    /// The most grain writes committed in one transaction (group commit). Every write is acknowledged only after its
    /// transaction has committed.
    /// </summary>
    /// <value>The default is 256.</value>
    [Range(1, 10_000)]
    public int MaxWritesPerFlush { get; set; } = 256;

    /// <summary>How many group commits run at a time: one executes while another waits for its WAL flush.</summary>
    /// <value>The default is 2.</value>
    [Range(1, 32)]
    public int ConcurrentFlushes { get; set; } = 2;
}
