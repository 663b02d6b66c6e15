namespace Marketpilot.Persistence.PostgreSql.Tests.Cluster;

/// <summary>A test grain with persistent state and a reminder, to drive the cluster's storage, membership and reminders.</summary>
public interface IClusterProbeGrain : IGrainWithStringKey
{
    /// <summary>Adds one to the persisted count and returns it.</summary>
    Task<int> IncrementAsync();

    /// <summary>The silo the activation runs on.</summary>
    Task<string> SiloAsync();

    /// <summary>Registers a reminder that first fires after a second.</summary>
    Task RemindAsync();

    /// <summary>How many reminder ticks the grain has persisted.</summary>
    Task<int> TicksAsync();
}
