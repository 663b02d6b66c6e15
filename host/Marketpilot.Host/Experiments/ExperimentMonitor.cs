using Marketpilot.Actions.Control;
using Marketpilot.Actions.Undo;
using Marketpilot.Host.Alerts;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Experiments;

/// <summary>
/// Checks every rule on a rollout that declares emergency thresholds against its experiment report, every
/// <see cref="ExperimentOptions.CheckIntervalSeconds"/>. When one is crossed the rule version is stopped once for the
/// whole cluster (<see cref="IRuleEmergencyGrain"/>): switched off and everything it applied rolled back through the
/// actions pipeline (<see cref="ActionUndoService.RollbackAsync"/>, guarded like any action), and the people responsible
/// told through the channels. A stop a crash interrupted is finished by the next check on any silo.
/// </summary>
public sealed partial class ExperimentMonitor(
    IRuleRunner rules,
    AutomationSwitches switches,
    RuleReportService reports,
    ActionUndoService undo,
    OperatorAlert alert,
    IGrainFactory grains,
    IOptions<ExperimentOptions> options,
    TimeProvider timeProvider,
    ILogger<ExperimentMonitor> logger) : SiloLoop
{
    /// <summary>Checks every watched rule once.</summary>
    /// <param name="cancellationToken">Stops between rules.</param>
    /// <returns>The ids of the rules stopped by this check.</returns>
    public async Task<IReadOnlyList<string>> CheckAsync(CancellationToken cancellationToken = default)
    {
        var stopped = new List<string>();
        foreach (var rule in rules.Rules)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rules.EmergencyOf(rule) is not { } thresholds || !rules.RolloutOf(rule).HasControl)
            {
                continue;
            }

            var emergency = grains.GetGrain<IRuleEmergencyGrain>(rule.Id);
            var stop = await emergency.GetAsync() is { } earlier && earlier.Version == rule.Version ? earlier : null;
            if (stop is null)
            {
                if (switches.ModeOf(rule, rules) == RuleMode.Off)
                {
                    continue;
                }

                var (report, _, _) = await reports.BuildAsync(rule, static _ => true, cancellationToken);
                if (thresholds.CrossedBy(report) is not { Count: > 0 } reasons)
                {
                    continue;
                }

                var reason = $"{string.Join("; ", reasons)} ({report.From:yyyy-MM-dd}..{report.To:yyyy-MM-dd}, {report.Test.Skus} test and {report.Control.Skus} control SKUs)";
                stop = await emergency.StopAsync(rule.Version, reason, timeProvider.GetUtcNow());
            }

            if (stop.HandledAt is null)
            {
                await HandleAsync(rule, stop, emergency, cancellationToken);
                stopped.Add(rule.Id);
            }
        }

        return stopped;
    }

    /// <inheritdoc/>
    protected override async Task RunAsync(CancellationToken stopping)
    {
        if (options.Value.CheckIntervalSeconds == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.CheckIntervalSeconds), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                try
                {
                    await CheckAsync(stopping);
                }
                catch (Exception ex) when (!stopping.IsCancellationRequested)
                {
                    LogCheckFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }

    private async Task HandleAsync(RuleDescriptor rule, RuleEmergencyStop stop, IRuleEmergencyGrain emergency, CancellationToken cancellationToken)
    {
        // Everything the rule applied, whenever: its test arm is where the harm is. Not cancelled midway.
        var rollback = await undo.RollbackAsync(rule.Id, DateTimeOffset.MinValue, CancellationToken.None);
        LogStopped(rule.Id, rule.Version, stop.Reason, rollback.ActionIds.Count, rollback.Skipped.Count);
        var message = $"Rule {rule.Id} (version {rule.Version}) was switched off and {rollback.ActionIds.Count} undo actions were queued: {stop.Reason}."
            + (rollback.Skipped.Count > 0 ? $" {rollback.Skipped.Count} actions could not be undone; see the action log." : string.Empty);
        await alert.SendAsync(new SkuKey("host", "rules", rule.Id), options.Value.Recipient, $"emergency:{rule.Id}:{rule.Version}", message, cancellationToken);
        await emergency.MarkHandledAsync(rule.Version, timeProvider.GetUtcNow());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Emergency stop of rule {RuleId} ({RuleVersion}): {Reason}. Switched off; {Undos} undo actions queued, {Skipped} skipped")]
    private partial void LogStopped(string ruleId, string ruleVersion, string reason, int undos, int skipped);

    [LoggerMessage(Level = LogLevel.Error, Message = "Checking the rules' emergency thresholds failed; the next check tries again")]
    private partial void LogCheckFailed(Exception exception);
}
