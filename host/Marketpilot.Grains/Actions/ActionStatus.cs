namespace Marketpilot.Grains.Actions;

/// <summary>Where an action is in its life, as the action log records it.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Actions.ActionStatus")]
public enum ActionStatus
{
    /// <summary>A rule proposed it; it has not been applied yet.</summary>
    Proposed,

    /// <summary>The connector or channel carried it out.</summary>
    Applied,

    /// <summary>It was refused (by the marketplace, or because nothing can apply it).</summary>
    Rejected,

    /// <summary>Applying it failed.</summary>
    Failed,
}
