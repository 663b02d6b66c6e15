using System.Globalization;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Connectors.Simulator;

public sealed partial class SimulatorConnector
{
    // The ledger is the source of truth: its keys are answered as they were, and its applied actions are queued to be
    // applied again on the days they took effect, as the shop simulates its way there.
    private void Restore(List<LedgerEntry> entries, int tornBytes, bool restarted)
    {
        if (tornBytes > 0)
        {
            LogTornLine(_logger, _ledger!.Path, tornBytes);
        }

        foreach (var entry in entries)
        {
            switch (entry.Outcome)
            {
                case LedgerEntry.Applied when _results.TryAdd(entry.Key, new ActionResult(entry.Key, ActionResultStatus.Applied, CreatedId: entry.CreatedId)):
                    _replay.Enqueue(entry);
                    break;
                case LedgerEntry.Applied or LedgerEntry.Duplicate:
                    break;
                case LedgerEntry.Rejected:
                    _results.TryAdd(entry.Key, new ActionResult(entry.Key, ActionResultStatus.Rejected, entry.Reason));
                    break;
                default:
                    LogEntryIgnored(_logger, _ledger!.Path, entry.Key, entry.Outcome);
                    break;
            }
        }

        if (restarted)
        {
            LogRestored(_logger, _options.StateDirectory!, _startDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _results.Count, _replay.Count, DaysReady);
        }
        else
        {
            LogStarted(_logger, _options.StateDirectory!, _startDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), _results.Count);
        }
    }

    private void SimulateThrough(int dayCount, CancellationToken cancellationToken)
    {
        while (_days.Count < dayCount)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ApplyReplayedActions();
            _days.Add(_shop.SimulateDay());
            if (_days.Count > _retainedDays)
            {
                _days[_days.Count - _retainedDays - 1] = null;
            }
        }
    }

    private void ApplyReplayedActions()
    {
        while (_replay.TryPeek(out var entry) && entry.Day <= _shop.DayIndex)
        {
            _replay.Dequeue();
            var request = new ActionRequest(entry.Key, new SkuKey(Marketplace, _options.ShopId, entry.Sku), entry.Action);
            var day = _shop.DayIndex;
            var result = _shop.Apply(request);
            if (result.Status == ActionResultStatus.Applied)
            {
                _applied.Add((day, request));
            }

            if (result.Status != ActionResultStatus.Applied || !string.Equals(result.CreatedId, entry.CreatedId, StringComparison.Ordinal) || day != entry.Day)
            {
                LogReplayDiffers(_logger, entry.Key, entry.Day, day, result.Status, result.CreatedId, entry.CreatedId);
            }
        }
    }

    private (ActionResult Result, string Outcome) Answer(ActionRequest request)
    {
        if (_results.TryGetValue(request.IdempotencyKey, out var known))
        {
            return (known, known.Status == ActionResultStatus.Applied ? LedgerEntry.Duplicate : LedgerEntry.Rejected);
        }

        var day = _shop.DayIndex;
        var result = _shop.Apply(request);
        _results.Add(request.IdempotencyKey, result);
        if (result.Status != ActionResultStatus.Applied)
        {
            return (result, LedgerEntry.Rejected);
        }

        _applied.Add((day, request));
        return (result, LedgerEntry.Applied);
    }

    private void WriteLedger(List<LedgerEntry> entries)
    {
        if (_ledger is null)
        {
            return;
        }

        try
        {
            _ledger.Append(entries);
        }
        catch (Exception ex)
        {
            // The shop changed in memory without a record on disk; answering anything more would break "exactly once".
            _ledgerFailure = ex;
            LogLedgerFailed(_logger, ex, _ledger.Path);
            throw;
        }
    }

    private void ThrowIfLedgerFailed()
    {
        if (_ledgerFailure is not null)
        {
            throw new IOException(
                $"The simulator's ledger {_ledger!.Path} could not be written ({_ledgerFailure.Message}); it applies no more actions until it is loaded again.",
                _ledgerFailure);
        }
    }

    private void WarnAboutIgnoredSettings(ShopDefinition definition, SimulatorOptions configured, string folder)
    {
        var ignored = definition.DifferencesFrom(configured).ToList();
        if (ignored.Count > 0)
        {
            LogSettingsIgnored(_logger, folder, string.Join(", ", ignored));
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Simulator shop restored from {StateDirectory}: day 0 is {StartDate}, {Keys} idempotency keys, {Applied} applied actions to replay, {DaysReady} days ready")]
    private static partial void LogRestored(ILogger logger, string stateDirectory, string startDate, int keys, int applied, int daysReady);

    [LoggerMessage(Level = LogLevel.Information, Message = "New simulator shop in {StateDirectory}: day 0 is {StartDate}; {Keys} idempotency keys found in its ledger")]
    private static partial void LogStarted(ILogger logger, string stateDirectory, string startDate, int keys);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The last line of {Ledger} was incomplete ({Bytes} bytes, written when the process ended); it was cut off, and its action is applied when the host sends it again")]
    private static partial void LogTornLine(ILogger logger, string ledger, int bytes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ledger {Ledger} has key {ActionId} with the unknown outcome {Outcome}; the line is ignored")]
    private static partial void LogEntryIgnored(ILogger logger, string ledger, string actionId, string outcome);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replaying key {ActionId} (day {Day}) on day {ReplayDay} gave {Status} with {CreatedId}, not what the ledger recorded ({RecordedId}); the shop may differ from before the restart")]
    private static partial void LogReplayDiffers(ILogger logger, string actionId, int day, int replayDay, ActionResultStatus status, string? createdId, string? recordedId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The simulator's state folder {StateDirectory} fixes {Settings} from the shop's first start; the configured values are ignored. Delete the folder to start a new shop")]
    private static partial void LogSettingsIgnored(ILogger logger, string stateDirectory, string settings);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the simulator's ledger {Ledger} failed; the connector applies no more actions until the plugin is loaded again")]
    private static partial void LogLedgerFailed(ILogger logger, Exception exception, string ledger);
}
