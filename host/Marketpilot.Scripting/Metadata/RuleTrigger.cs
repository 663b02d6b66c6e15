namespace Marketpilot.Scripting.Metadata;

/// <summary>When a rule runs (<c>// @triggers:</c>).</summary>
public enum RuleTrigger
{
    /// <summary><c>data-change</c>: whenever new data for a SKU arrives (the default).</summary>
    DataChange,

    /// <summary><c>hourly</c>: once an hour on every SKU in scope.</summary>
    Hourly,

    /// <summary><c>daily</c>: once a day on every SKU in scope.</summary>
    Daily,

    /// <summary><c>cron(expression)</c>: at each occurrence of one of the rule's <see cref="RuleMetadata.CronSchedules"/>.</summary>
    Cron,

    /// <summary><c>event(kind)</c>: once per marketplace event; <see cref="RuleMetadata.EventTriggers"/> says which.</summary>
    Event,
}
