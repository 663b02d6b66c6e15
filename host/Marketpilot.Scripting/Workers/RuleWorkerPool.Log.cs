using Microsoft.Extensions.Logging;

namespace Marketpilot.Scripting.Workers;

// What the pool logs.
public sealed partial class RuleWorkerPool
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Rules run in {WorkerCount} worker processes confined by bubblewrap ({Bubblewrap})")]
    private partial void LogConfined(int workerCount, string bubblewrap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rules run in {WorkerCount} plain worker processes, not confined by the operating system: {Advice}")]
    private partial void LogUnconfined(int workerCount, string advice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rules run inside the host process (Marketpilot:Scripting:Isolation is InProcess): only the language sandbox stands between a rule and the host")]
    private partial void LogInProcess();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule worker {Slot} started as process {ProcessId} (confined: {Confined})")]
    private partial void LogWorkerStarted(int slot, int processId, bool confined);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule worker {Slot} could not be started; it is started again with its next batch")]
    private partial void LogWorkerStartFailed(Exception exception, int slot);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule worker {Slot} ended while the host stops ({Reason}); no rule is blamed, what it held is retried once")]
    private partial void LogEndedWhileHostStops(int slot, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule worker {Slot} crashed compiling {Path}: {Reason}; worker replaced, retrying: {Retrying}")]
    private partial void LogCompileCrashed(int slot, string path, string reason, bool retrying);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule worker {Slot} crashed evaluating rule {RuleId} version {RuleVersion} on {SkuCount} SKUs: {Reason}; worker replaced, batch retried on a fresh worker")]
    private partial void LogBatchCrashed(int slot, string ruleId, string ruleVersion, int skuCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule worker {Slot} crashed evaluating {RuleCount} rule versions on {EvaluationCount} evaluations: {Reason}; worker replaced, each rule version retried alone on a fresh worker")]
    private partial void LogMixedBatchCrashed(int slot, int ruleCount, int evaluationCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule {RuleId} version {RuleVersion} crashed its worker twice and is quarantined; the other rules keep running. Last: {Reason}")]
    private partial void LogQuarantined(string ruleId, string ruleVersion, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule worker slot {Slot} failed; the evaluations it held fail")]
    private partial void LogSlotFailed(Exception exception, int slot);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule worker {Slot} refused a batch of rule {RuleId} version {RuleVersion}; its evaluations fail")]
    private partial void LogBatchFailed(Exception exception, int slot, string ruleId, string ruleVersion);
}
