namespace Marketpilot.Sdk.Rules;

/// <summary>How one evaluation of a rule ended.</summary>
public enum RuleOutcome
{
    /// <summary>The rule ran and proposed nothing.</summary>
    NoAction,

    /// <summary>The rule ran and proposed at least one action.</summary>
    Fired,

    /// <summary>The rule threw an exception or could not be compiled.</summary>
    Failed,

    /// <summary>The rule was stopped because it ran past its time budget.</summary>
    TimedOut,
}
