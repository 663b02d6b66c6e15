using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Host.Sync;

/// <summary>How the host pulls catalog data from the loaded connectors, bound to <c>Marketpilot:Sync</c>.</summary>
public sealed class SyncOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Sync";

    /// <summary>Whether the host pulls from connectors at all.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>How long to wait before pulling again once a connector has nothing new.</summary>
    /// <value>The default is 2,000 ms.</value>
    [Range(10, 3_600_000)]
    public int PollIntervalMilliseconds { get; set; } = 2_000;

    /// <summary>The longest wait between retries after a connector failed.</summary>
    /// <value>The default is 60,000 ms.</value>
    [Range(100, 3_600_000)]
    public int MaxBackoffMilliseconds { get; set; } = 60_000;
}
