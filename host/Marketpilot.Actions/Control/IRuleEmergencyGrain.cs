namespace Marketpilot.Actions.Control;

/// <summary>
/// Remembers the emergency stop of one rule (key: the rule id), so that across the cluster a rule version is stopped,
/// rolled back and reported once, and a stop interrupted by a crash is finished by the next check.
/// </summary>
public interface IRuleEmergencyGrain : IGrainWithStringKey
{
    /// <summary>The rule's last emergency stop, if any.</summary>
    /// <returns>The stop, or <see langword="null"/>.</returns>
    Task<RuleEmergencyStop?> GetAsync();

    /// <summary>Records a stop of <paramref name="version"/>, unless one is recorded for it already.</summary>
    /// <param name="version">The rule version that crossed a threshold.</param>
    /// <param name="reason">Which thresholds, in words.</param>
    /// <param name="at">When.</param>
    /// <returns>The stop recorded for the version: the new one, or the earlier one.</returns>
    Task<RuleEmergencyStop> StopAsync(string version, string reason, DateTimeOffset at);

    /// <summary>Records that the stop of <paramref name="version"/> was carried out: the rule switched off, its actions rolled back, people told.</summary>
    /// <param name="version">The rule version.</param>
    /// <param name="at">When.</param>
    /// <returns>A task that completes when it is stored.</returns>
    Task MarkHandledAsync(string version, DateTimeOffset at);
}
