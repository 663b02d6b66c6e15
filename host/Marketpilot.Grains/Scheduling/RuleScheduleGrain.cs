using Marketpilot.Grains.Skus;
using Marketpilot.Grains.Storage;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Storage;

namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// Runs hourly, daily and cron rules on every SKU that has a snapshot, once per scheduled time (<see cref="RuleSchedule"/>;
/// cron occurrences in each shop's time zone, <see cref="CronOccurrences"/>).
/// </summary>
/// <remarks>
/// <para>
/// One activation in the cluster (key <see cref="Key"/>) owns the schedule, woken by a durable Orleans reminder every
/// <see cref="RuleScheduleOptions.TickPeriod"/>: whichever silo holds the reminder wakes it, so the schedule survives
/// restarts and dead silos, and each scheduled time is swept once. What finished and how far the current sweep got are
/// persisted after every batch: a restart resumes the sweep, and after a gap only the latest scheduled time runs (a sweep
/// overtaken by a newer time of its trigger is dropped). The SKUs are those with a state in grain storage
/// (<see cref="IGrainStateDirectory"/>), read a page per batch; each batch calls at most
/// <see cref="RuleScheduleOptions.MaxConcurrentSkus"/> SKU grains at a time. A SKU grain runs a scheduled time at most
/// once, so a batch repeated after a crash changes nothing.
/// </para>
/// <para>
/// The activation can move while silos join: Orleans' default grain directory hands a range of its entries to a joining
/// silo after that silo is already serving, so a call from it (its reminder service, its <see cref="RuleScheduleService"/>)
/// can start a second activation there, and the first is then dropped as the duplicate. Whichever runs on reads the
/// persisted progress; an activation whose write finds the schedule stored by the other reads it again and goes on.
/// Each activation logs the silo it runs on and why it left.
/// </para>
/// <para>A new installation (or a new cron rule) starts counting from its first tick: the first sweeps run at the next scheduled times.</para>
/// </remarks>
/// <param name="state">The persisted schedule (default storage).</param>
/// <param name="skus">Lists the SKUs from the default grain storage.</param>
/// <param name="rules">The loaded rules.</param>
/// <param name="calendar">The shops' time zones, for cron rules.</param>
/// <param name="options">The schedule and the sweep's limits.</param>
/// <param name="timeProvider">The clock.</param>
/// <param name="logger">The logger.</param>
public sealed partial class RuleScheduleGrain(
    [PersistentState(RuleScheduleGrain.StateName, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<RuleScheduleState> state,
    [FromKeyedServices(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IGrainStateDirectory skus,
    IRuleRunner rules,
    ShopCalendar calendar,
    IOptions<RuleScheduleOptions> options,
    TimeProvider timeProvider,
    ILogger<RuleScheduleGrain> logger) : Grain, IRuleScheduleGrain, IRemindable
{
    /// <summary>The key of the one scheduler grain.</summary>
    public const long Key = 0;

    /// <summary>The name of the scheduler's state in the default grain storage.</summary>
    public const string StateName = "ruleSchedule";

    /// <summary>The name of the reminder that wakes the scheduler.</summary>
    public const string ReminderName = "rule-schedule";

    // Between batches the drain yields for this long, so API calls and other grains get the silo's threads.
    private static readonly TimeSpan DrainPause = TimeSpan.FromMilliseconds(10);

    private readonly RuleSchedule _schedule = RuleSchedule.From(options.Value);
    private IGrainTimer? _drain;

    /// <inheritdoc/>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        LogActivated(RuntimeIdentity);
        return base.OnActivateAsync(cancellationToken);
    }

    /// <inheritdoc/>
    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        LogDeactivated(RuntimeIdentity, reason.ReasonCode, reason.Description);
        return base.OnDeactivateAsync(reason, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task StartAsync()
    {
        // An upsert: each silo's start stores the period it is configured with.
        var period = options.Value.TickPeriod;
        await this.RegisterOrUpdateReminder(ReminderName, period, period);
    }

    /// <inheritdoc/>
    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        // A sweep takes many batches; a grain timer runs them one per turn until nothing is due, so no reminder call
        // runs long and the next reminder finds the drain still going rather than starting a second one.
        if (reminderName == ReminderName && _drain is null)
        {
            _drain = this.RegisterGrainTimer(DrainAsync, new GrainTimerCreationOptions { DueTime = TimeSpan.Zero, Period = DrainPause, KeepAlive = true });
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<bool> TickAsync()
    {
        var now = timeProvider.GetUtcNow();
        var crons = new CronOccurrences([.. rules.Rules.Where(r => rules.TriggersOf(r).Contains(RuleTrigger.Cron)).SelectMany(r => rules.CronSchedulesOf(r).Select(c => (r.Id, c)))], calendar.Zones);
        if (!state.RecordExists)
        {
            foreach (var trigger in RuleSchedule.Triggers)
            {
                state.State.Completed[trigger] = _schedule.LastDue(trigger, now);
            }

            crons.Reconcile(state.State.CronCompleted, now);
            await state.WriteStateAsync();
            LogScheduleStarted(_schedule.NextAfter(RuleTrigger.Hourly, now), _schedule.NextAfter(RuleTrigger.Daily, now));
            return false;
        }

        var reconciled = crons.Reconcile(state.State.CronCompleted, now);
        var sweep = state.State.Current;
        if (sweep is not null && IsOvertaken(sweep, crons, now))
        {
            LogSweepOvertaken(sweep.Trigger, sweep.ScheduledAt, sweep.Skus);
            sweep = null;
        }

        sweep ??= NextDue(crons, now);
        if (sweep is null)
        {
            state.State.Current = null;
            if (reconciled)
            {
                await state.WriteStateAsync();
            }

            return false;
        }

        state.State.Current = sweep;
        var finishedRules = await RunBatchAsync(sweep);
        await state.WriteStateAsync();
        if (finishedRules is not null)
        {
            // Said once stored: an activation whose write lost to another's did not finish it.
            LogSweepCompleted(sweep.Trigger, sweep.ScheduledAt, sweep.Skus, finishedRules, sweep.Failures, (timeProvider.GetUtcNow() - sweep.StartedAt).TotalMilliseconds);
        }

        return state.State.Current is not null || NextDue(crons, now) is not null;
    }

    private bool IsOvertaken(RuleSweep sweep, CronOccurrences crons, DateTimeOffset now) => sweep.Trigger == RuleTrigger.Cron
        ? crons.IsOvertaken(sweep, now)
        : sweep.ScheduledAt < _schedule.LastDue(sweep.Trigger, now);

    private RuleSweep? NextDue(CronOccurrences crons, DateTimeOffset now)
    {
        foreach (var trigger in RuleSchedule.Triggers)
        {
            var due = _schedule.LastDue(trigger, now);
            if (state.State.Completed.GetValueOrDefault(trigger) < due)
            {
                return new RuleSweep { Trigger = trigger, ScheduledAt = due, StartedAt = now };
            }
        }

        return crons.NextDue(state.State.CronCompleted, now);
    }

    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        var more = false;
        try
        {
            more = !cancellationToken.IsCancellationRequested && options.Value.Enabled && await TickAsync();
        }
        catch (InconsistentStateException conflict)
        {
            // Another activation stored the schedule since this one read it: Orleans' default directory can run two for a
            // moment while a joining silo takes over a directory range. Without reading it again every later write would
            // fail, and a sweep would advance one batch per reminder instead of draining.
            LogWrittenElsewhere(conflict.CurrentEtag, conflict.StoredEtag);
            more = await TryReadAgainAsync();
        }
        catch (Exception exception)
        {
            LogTickFailed(exception, options.Value.TickPeriod.TotalSeconds);
        }

        if (!more)
        {
            _drain?.Dispose();
            _drain = null;
        }
    }

    private async Task<bool> TryReadAgainAsync()
    {
        try
        {
            await state.ReadStateAsync();
            return true;
        }
        catch (Exception exception)
        {
            LogTickFailed(exception, options.Value.TickPeriod.TotalSeconds);
            return false;
        }
    }

    /// <returns>The rules of <paramref name="sweep"/> when this batch finished it (<see langword="null"/> otherwise), for the log.</returns>
    private async Task<string[]?> RunBatchAsync(RuleSweep sweep)
    {
        var ruleIds = rules.Rules
            .Where(r => rules.TriggersOf(r).Contains(sweep.Trigger) && (sweep.RuleIds is null || sweep.RuleIds.Contains(r.Id)))
            .Select(r => r.Id).ToArray();
        if (ruleIds.Length == 0)
        {
            // Nothing to run on any SKU; the scheduled time still counts as done.
            Complete(sweep);
            LogNothingToRun(sweep.Trigger, sweep.ScheduledAt);
            return null;
        }

        if (sweep.Cursor is null)
        {
            LogSweepStarted(sweep.Trigger, sweep.ScheduledAt, ruleIds);
        }

        var page = await skus.ListAsync(SkuGrain.StateName, sweep.Cursor is { } cursor ? GrainId.Parse(cursor) : null, options.Value.BatchSize);
        var evaluated = 0;
        var failed = 0;
        await Parallel.ForEachAsync(
            sweep.Zone is { } zone ? page.Where(g => InZone(g, zone)) : page,
            // The grain's own scheduler: grain calls must be made from the activation, not from the thread pool.
            new ParallelOptions { MaxDegreeOfParallelism = options.Value.MaxConcurrentSkus, TaskScheduler = TaskScheduler.Current },
            async (grainId, _) =>
            {
                var sku = grainId.Key.ToString();
                try
                {
                    var grain = GrainFactory.GetGrain<ISkuGrain>(sku);
                    if (sweep.Trigger == RuleTrigger.Cron ? await grain.RunCronAsync(ruleIds, sweep.ScheduledAt) : await grain.RunScheduledAsync(sweep.Trigger, sweep.ScheduledAt))
                    {
                        Interlocked.Increment(ref evaluated);
                    }
                }
                catch (Exception exception)
                {
                    Interlocked.Increment(ref failed);
                    LogSkuFailed(exception, sweep.Trigger, sweep.ScheduledAt, sku);
                }
            });

        sweep.Skus += evaluated;
        sweep.Failures += failed;
        sweep.Cursor = page.Count > 0 ? page[^1].ToString() : sweep.Cursor;
        LogBatchDone(sweep.Trigger, sweep.ScheduledAt, page.Count, evaluated, sweep.Skus);
        if (page.Count < options.Value.BatchSize)
        {
            Complete(sweep);
            return ruleIds;
        }

        return null;
    }

    private bool InZone(GrainId grainId, string zone)
    {
        var sku = GrainKeys.ParseSku(grainId.Key.ToString()!);
        return calendar.ZoneOf(sku.Marketplace, sku.ShopId).Id == zone;
    }

    private void Complete(RuleSweep sweep)
    {
        if (sweep.Trigger == RuleTrigger.Cron)
        {
            foreach (var key in sweep.CronKeys ?? [])
            {
                state.State.CronCompleted[key] = sweep.ScheduledAt;
            }
        }
        else
        {
            state.State.Completed[sweep.Trigger] = sweep.ScheduledAt;
        }

        state.State.Current = null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The rule schedule is active on silo {Silo}")]
    private partial void LogActivated(string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "The rule schedule left silo {Silo}: {DeactivationReason} ({DeactivationDescription})")]
    private partial void LogDeactivated(string silo, DeactivationReasonCode deactivationReason, string deactivationDescription);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The rule schedule was stored by another activation (version {StoredETag}, this one had {ReadETag}); reading it again and going on from there")]
    private partial void LogWrittenElsewhere(string? readETag, string? storedETag);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule schedule started: the first hourly sweep runs at {NextHourly:o}, the first daily sweep at {NextDaily:o}")]
    private partial void LogScheduleStarted(DateTimeOffset nextHourly, DateTimeOffset nextDaily);

    [LoggerMessage(Level = LogLevel.Debug, Message = "No {Trigger} rules are loaded; nothing to run for {ScheduledAt:o}")]
    private partial void LogNothingToRun(RuleTrigger trigger, DateTimeOffset scheduledAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep of {Trigger} rules for {ScheduledAt:o} started: rules {RuleIds}")]
    private partial void LogSweepStarted(RuleTrigger trigger, DateTimeOffset scheduledAt, string[] ruleIds);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sweep of {Trigger} rules for {ScheduledAt:o} finished: {SkuCount} SKUs, rules {RuleIds}, {FailedSkuCount} SKUs failed, in {DurationMilliseconds:0} ms")]
    private partial void LogSweepCompleted(RuleTrigger trigger, DateTimeOffset scheduledAt, int skuCount, string[] ruleIds, int failedSkuCount, double durationMilliseconds);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Sweep of {Trigger} rules for {ScheduledAt:o}: a batch of {BatchCount} SKUs ran on {BatchSkuCount}, {SkuCount} so far")]
    private partial void LogBatchDone(RuleTrigger trigger, DateTimeOffset scheduledAt, int batchCount, int batchSkuCount, int skuCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of {Trigger} rules for {ScheduledAt:o} was overtaken by a later scheduled time after {SkuCount} SKUs; the later sweep replaces it")]
    private partial void LogSweepOvertaken(RuleTrigger trigger, DateTimeOffset scheduledAt, int skuCount);

    [LoggerMessage(Level = LogLevel.Error, Message = "The rule schedule could not be advanced; trying again at the next reminder, in {RetrySeconds:0} s")]
    private partial void LogTickFailed(Exception exception, double retrySeconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sweep of {Trigger} rules for {ScheduledAt:o} could not run them on {Sku}; the SKU waits for the next scheduled time")]
    private partial void LogSkuFailed(Exception exception, RuleTrigger trigger, DateTimeOffset scheduledAt, string sku);
}
