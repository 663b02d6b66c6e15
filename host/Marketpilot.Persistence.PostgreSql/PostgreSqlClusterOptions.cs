using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>
/// A silo of a cluster whose members share one PostgreSQL database for membership, reminders, grain state, the action
/// log and every other table of the host; bound to <c>Marketpilot:Cluster</c>.
/// </summary>
public sealed class PostgreSqlClusterOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Marketpilot:Cluster";

    /// <summary>The Npgsql connection string of the shared database. It holds a password: it is never logged.</summary>
    /// <value>There is no default; it is required.</value>
    [Required]
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Silos with the same cluster id form one cluster. Change it for a deployment that must not join a running one.</summary>
    /// <value>The default is <c>marketpilot</c>.</value>
    [Required]
    [StringLength(150)]
    public string ClusterId { get; set; } = "marketpilot";

    /// <summary>The service: grain state and reminders belong to it, and survive a new <see cref="ClusterId"/>.</summary>
    /// <value>The default is <c>marketpilot</c>.</value>
    [Required]
    [StringLength(150)]
    public string ServiceId { get; set; } = "marketpilot";

    /// <summary>The port silos talk to each other on; one per silo on the same machine.</summary>
    /// <value>The default is 11111.</value>
    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    /// <summary>The port Orleans clients connect to; 0 runs no gateway (the host's own API needs none).</summary>
    /// <value>The default is 30000.</value>
    [Range(0, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos reach this one at; the silo listens on it only.</summary>
    /// <value>The default is <c>127.0.0.1</c> (every silo on one machine).</value>
    [Required]
    public string AdvertisedIp { get; set; } = "127.0.0.1";

    /// <summary>
    /// How long a silo waits for a probe answer from another silo. A silo that misses
    /// <see cref="MissedProbesLimit"/> probes in a row is suspected, and declared dead once two silos suspect it; see
    /// <c>docs/operations.md</c> for how long that takes.
    /// </summary>
    /// <value>The default is 5 s (Orleans' default).</value>
    [Range(1, 300)]
    public int ProbeTimeoutSeconds { get; set; } = 5;

    /// <summary>Missed probes in a row after which a silo suspects another.</summary>
    /// <value>The default is 3 (Orleans' default).</value>
    [Range(1, 100)]
    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>How long one statement may run before it fails.</summary>
    /// <value>The default is 30 s.</value>
    [Range(1, 600)]
    public int CommandTimeoutSeconds { get; set; } = 30;

    /// <summary>Whether the silo creates or upgrades the schema when it starts, as <c>marketpilot db init</c> does.</summary>
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

    /// <summary>The storage options these cluster options imply.</summary>
    public PostgreSqlStorageOptions ToStorageOptions()
    {
        var storage = new PostgreSqlStorageOptions();
        ApplyTo(storage);
        return storage;
    }

    /// <summary>Sets the storage options these cluster options imply on <paramref name="storage"/>: the one mapping between the two.</summary>
    /// <param name="storage">The grain storage's or the action log's options.</param>
    public void ApplyTo(PostgreSqlStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        storage.ConnectionString = ConnectionString;
        storage.CommandTimeoutSeconds = CommandTimeoutSeconds;
        storage.CreateSchemaOnStart = CreateSchemaOnStart;
        storage.MaxWritesPerFlush = MaxWritesPerFlush;
        storage.ConcurrentFlushes = ConcurrentFlushes;
    }
}
