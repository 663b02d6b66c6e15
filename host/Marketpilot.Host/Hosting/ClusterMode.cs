namespace Marketpilot.Host.Hosting;

/// <summary>Where the silo keeps its cluster membership and data; <c>Marketpilot:Cluster:Mode</c>.</summary>
public enum ClusterMode
{
    /// <summary>One silo, localhost clustering, the SQLite file in the data folder. The default.</summary>
    Embedded,

    /// <summary>One of several silos sharing a PostgreSQL database for membership, reminders, grain state and the action log (<c>Marketpilot:Cluster:*</c>).</summary>
    PostgreSql,
}
