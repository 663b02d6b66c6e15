namespace Marketpilot.Sdk.Rules;

/// <summary>What the host remembers about one rule on one SKU between evaluations.</summary>
/// <remarks>Rules read it (for example to keep a cooldown); only the host changes it.</remarks>
public sealed record RuleState
{
    /// <summary>The rule's id (its file name without <c>.csx</c>).</summary>
    public required string RuleId { get; init; }

    /// <summary>The version (content hash) of the rule that ran last.</summary>
    public string? RuleVersion { get; init; }

    /// <summary>When the rule last ran on this SKU.</summary>
    public DateTimeOffset? LastRunAt { get; init; }

    /// <summary>When the rule last proposed an action for this SKU.</summary>
    public DateTimeOffset? LastFiredAt { get; init; }

    /// <summary>How the last run ended.</summary>
    public RuleOutcome? LastOutcome { get; init; }

    /// <summary>Why the last run failed or timed out; <see langword="null"/> when it did not.</summary>
    public string? LastError { get; init; }

    /// <summary>Failed or timed-out runs since the last run that succeeded.</summary>
    public int ConsecutiveFailures { get; init; }

    /// <summary>Failed or timed-out runs in all.</summary>
    public int TotalFailures { get; init; }

    /// <summary>A state for a rule that has never run on the SKU.</summary>
    /// <param name="ruleId">The rule's id.</param>
    /// <returns>An empty state.</returns>
    public static RuleState New(string ruleId) => new() { RuleId = ruleId };
}
