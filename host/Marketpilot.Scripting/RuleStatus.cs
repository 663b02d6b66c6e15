using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Scripting;

/// <summary>What the host knows about one rule file: whether it compiled, and how its runs went in this process.</summary>
/// <param name="Rule">The rule's id, version and path.</param>
/// <param name="Compiled"><see langword="false"/> when the script has errors and is not run.</param>
/// <param name="Diagnostics">Compiler errors and warnings.</param>
/// <param name="Runs">Evaluations since the process started.</param>
/// <param name="Failures">Evaluations that failed or timed out since the process started.</param>
/// <param name="LastRunAt">When it last ran.</param>
/// <param name="LastError">The last failure's reason.</param>
public sealed record RuleStatus(
    RuleDescriptor Rule,
    bool Compiled,
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    long Runs,
    long Failures,
    DateTimeOffset? LastRunAt,
    string? LastError)
{
    /// <summary>Whether this version of the rule is quarantined: it failed or was stopped too many times in a row and no longer runs until its file changes.</summary>
    public bool Quarantined { get; init; }

    /// <summary>Why it was quarantined: the last failure's reason; <see langword="null"/> when not quarantined.</summary>
    public string? QuarantineReason { get; init; }

    /// <summary>When it was quarantined.</summary>
    public DateTimeOffset? QuarantinedAt { get; init; }

    /// <summary>
    /// What the rule runs with: its metadata header (name, triggers, scope, mode, …), with the operator's
    /// <see cref="Settings"/> in place where the rule catalog has some.
    /// </summary>
    public Metadata.RuleMetadata? Metadata { get; init; }

    /// <summary>The overrides of the header set through <c>PUT /api/v1/rules/{id}/settings</c>; <see langword="null"/> when none.</summary>
    public RuleSettings? Settings { get; init; }

    /// <summary>
    /// The mode the rule runs in. The rule catalog gives its header's (<c>// @mode:</c>); the host's API shows the mode set
    /// through <c>PUT /api/v1/rules/{id}/mode</c> or <c>rules mode</c> instead, where one is set.
    /// </summary>
    public RuleMode Mode { get; init; }

    /// <summary>Of <see cref="Failures"/>, the evaluations stopped by their budget (time, steps, depth, allocation) in this process.</summary>
    public long BudgetStops { get; init; }

    /// <summary>The failed or stopped evaluations in a row, since the last one that succeeded.</summary>
    public long ConsecutiveFailures { get; init; }

    /// <summary>When the host runs the rule (<c>// @triggers:</c>); data change alone when the header does not say.</summary>
    public IReadOnlyList<RuleTrigger> Triggers => Metadata?.Triggers ?? [RuleTrigger.DataChange];

    /// <summary>
    /// The next time the host's schedule runs the rule (the next hourly or daily sweep it takes part in);
    /// <see langword="null"/> when it runs on data change only, or when the caller does not know the schedule.
    /// </summary>
    public DateTimeOffset? NextScheduledRunAt { get; init; }

    /// <summary>When this rule version was stopped because its test arm crossed an emergency threshold (<c>// @emergency:</c>); <see langword="null"/> when it was not.</summary>
    public DateTimeOffset? EmergencyStoppedAt { get; init; }

    /// <summary>Which emergency thresholds were crossed, with the figures; <see langword="null"/> when it was not stopped.</summary>
    public string? EmergencyReason { get; init; }
}
