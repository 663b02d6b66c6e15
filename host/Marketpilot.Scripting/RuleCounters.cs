using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>The run counts of one rule in this process; thread-safe.</summary>
internal sealed class RuleCounters
{
    private readonly Lock _gate = new();
    private long _runs;
    private long _failures;
    private DateTimeOffset? _lastRunAt;
    private string? _lastError;

    public void Record(RuleRun run, DateTimeOffset at)
    {
        lock (_gate)
        {
            _runs++;
            _lastRunAt = at;
            if (run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut)
            {
                _failures++;
                _lastError = run.Error;
            }
        }
    }

    public RuleStatus ToStatus(RuleCompilation compilation)
    {
        lock (_gate)
        {
            return new RuleStatus(compilation.Rule, compilation.Succeeded, compilation.Diagnostics, _runs, _failures, _lastRunAt, _lastError);
        }
    }
}
