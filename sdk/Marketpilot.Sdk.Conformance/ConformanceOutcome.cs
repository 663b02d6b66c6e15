namespace Marketpilot.Sdk.Conformance;

/// <summary>How one conformance check ended.</summary>
public enum ConformanceOutcome
{
    /// <summary>The plugin does what the contract asks.</summary>
    Passed,

    /// <summary>The plugin breaks the contract; <see cref="ConformanceCheckResult.Message"/> says how.</summary>
    Failed,

    /// <summary>The check does not apply (for example an apply check on a read-only connector); counts as passed.</summary>
    Skipped,
}
