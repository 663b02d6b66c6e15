using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>The run counts of one rule in this process, and its quarantine; thread-safe.</summary>
internal sealed class RuleCounters
{
    private readonly Lock _gate = new();
    private long _runs;
    private long _failures;
    private long _budgetStops;
    private long _consecutiveFailures;
    private string? _version;
    private DateTimeOffset? _lastRunAt;
    private string? _lastError;
    private DateTimeOffset? _quarantinedAt;
    private string? _quarantineReason;

    /// <summary>The version of the rule that is quarantined, if any.</summary>
    public string? QuarantinedVersion { get; private set; }

    /// <summary>Records a run.</summary>
    /// <returns><see langword="true"/> when this run put the rule into quarantine.</returns>
    public bool Record(RuleRun run, DateTimeOffset at, int quarantineAfter)
    {
        lock (_gate)
        {
            if (!string.Equals(_version, run.Rule.Version, StringComparison.Ordinal))
            {
                // A new version starts with a clean record and lifts any quarantine of the old one.
                _version = run.Rule.Version;
                _consecutiveFailures = 0;
            }

            _runs++;
            _lastRunAt = at;
            if (run.Outcome is not (RuleOutcome.Failed or RuleOutcome.TimedOut))
            {
                _consecutiveFailures = 0;
                return false;
            }

            _failures++;
            _budgetStops += run.Outcome == RuleOutcome.TimedOut ? 1 : 0;
            _consecutiveFailures++;
            _lastError = run.Error;
            if (_consecutiveFailures < quarantineAfter || QuarantinedVersion == run.Rule.Version)
            {
                return false;
            }

            QuarantinedVersion = run.Rule.Version;
            _quarantinedAt = at;
            _quarantineReason = $"{_consecutiveFailures} failed or stopped evaluations in a row; last: {run.Error}";
            return true;
        }
    }

    /// <summary>Quarantines a version for a reason other than failed runs (it crashed its workers).</summary>
    /// <returns><see langword="true"/> when this put the rule into quarantine.</returns>
    public bool Quarantine(string version, string reason, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (QuarantinedVersion == version)
            {
                return false;
            }

            QuarantinedVersion = version;
            _quarantinedAt = at;
            _quarantineReason = reason;
            return true;
        }
    }

    public RuleStatus ToStatus(RuleCompilation compilation)
    {
        lock (_gate)
        {
            var quarantined = QuarantinedVersion is { } version && version == compilation.Rule.Version;
            return new RuleStatus(compilation.Rule, compilation.Succeeded, compilation.Diagnostics, _runs, _failures, _lastRunAt, _lastError)
            {
                Quarantined = quarantined,
                QuarantineReason = quarantined ? _quarantineReason : null,
                QuarantinedAt = quarantined ? _quarantinedAt : null,
                ConsecutiveFailures = _version == compilation.Rule.Version ? _consecutiveFailures : 0,
                BudgetStops = _budgetStops,
                Metadata = compilation.Metadata,
                Mode = compilation.Metadata.Mode,
            };
        }
    }
}
