using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Grains.Actions;

/// <summary>How actions are handed to connectors and notification channels; bound to <c>Marketpilot:Actions</c>.</summary>
public sealed class ActionDispatchOptions
{
    /// <summary>The configuration section these options are bound to.</summary>
    public const string SectionName = "Marketpilot:Actions";

    /// <summary>How long one connector batch or one notification may take before it counts as failed.</summary>
    /// <value>The default is 30000 ms.</value>
    [Range(1, 600_000)]
    public int TimeoutMilliseconds { get; set; } = 30_000;
}
