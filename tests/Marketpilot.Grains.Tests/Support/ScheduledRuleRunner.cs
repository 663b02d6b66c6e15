using System.Collections.Concurrent;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>
/// Rules with every kind of trigger, remembering each evaluation: <c>on-change</c> (data change) does nothing,
/// <c>hourly-price</c> (hourly) raises the price by 1 unless it fired in the last 90 minutes, <c>hourly-dry</c> (hourly,
/// dry run) proposes a price, <c>daily-notify</c> (daily) tells a manager, <c>out-of-stock</c> (data change and hourly)
/// tells purchasing whenever stock is 0, <c>morning-cron</c> (<c>cron(0 9 * * *)</c>, in each shop's zone) proposes nothing.
/// </summary>
internal sealed class ScheduledRuleRunner : IRuleRunner
{
    public static readonly RuleDescriptor OnChange = new("on-change", "v1", "scripts/on-change.csx");
    public static readonly RuleDescriptor HourlyPrice = new("hourly-price", "v1", "scripts/hourly-price.csx");
    public static readonly RuleDescriptor HourlyDry = new("hourly-dry", "v1", "scripts/hourly-dry.csx");
    public static readonly RuleDescriptor DailyNotify = new("daily-notify", "v1", "scripts/daily-notify.csx");
    public static readonly RuleDescriptor OutOfStock = new("out-of-stock", "v1", "scripts/out-of-stock.csx");
    public static readonly RuleDescriptor MorningCron = new("morning-cron", "v1", "scripts/morning-cron.csx");

    private readonly ConcurrentQueue<(string RuleId, SkuKey Sku, DateTimeOffset Now)> _evaluations = new();
    private readonly ConcurrentBag<(RuleDescriptor Rule, int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _inFlight;
    private int _maxInFlight;

    public IReadOnlyList<RuleDescriptor> Rules { get; } = [DailyNotify, HourlyDry, HourlyPrice, MorningCron, OnChange, OutOfStock];

    /// <summary>How long an hourly evaluation stays in flight, so overlapping SKU calls can be counted.</summary>
    public TimeSpan Hold { get; init; }

    /// <summary>The most hourly evaluations that were in flight at once.</summary>
    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    public RuleMode ModeOf(RuleDescriptor rule) => rule == HourlyDry ? RuleMode.DryRun : RuleMode.Live;

    public IReadOnlyList<RuleTrigger> TriggersOf(RuleDescriptor rule) =>
        rule == OnChange ? [RuleTrigger.DataChange]
        : rule == OutOfStock ? [RuleTrigger.DataChange, RuleTrigger.Hourly]
        : rule == DailyNotify ? [RuleTrigger.Daily]
        : rule == MorningCron ? [RuleTrigger.Cron]
        : [RuleTrigger.Hourly];

    public IReadOnlyList<RuleCronSchedule> CronSchedulesOf(RuleDescriptor rule) =>
        rule == MorningCron ? [RuleCronSchedule.Parse("cron(0 9 * * *)")] : [];

    /// <summary>The times <paramref name="rule"/> was evaluated on <paramref name="sku"/>, in order.</summary>
    public IReadOnlyList<DateTimeOffset> RunsOf(RuleDescriptor rule, SkuKey sku) =>
        [.. _evaluations.Where(e => e.RuleId == rule.Id && e.Sku == sku).Select(e => e.Now)];

    /// <summary>Completes once <paramref name="rule"/> has been evaluated <paramref name="count"/> times in all.</summary>
    public Task WhenEvaluatedAsync(RuleDescriptor rule, int count)
    {
        var waiter = (rule, count, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _waiters.Add(waiter);
        Signal();
        return waiter.Item3.Task;
    }

    public async Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken)
    {
        _evaluations.Enqueue((rule.Id, globals.Sku.Key, globals.Now));
        Signal();
        if (rule == HourlyPrice)
        {
            await HoldAsync();
            if (!globals.IsCoolingDown(TimeSpan.FromMinutes(90)))
            {
                globals.SetPrice(globals.Sku.Price + 1, "hourly nudge");
            }
        }

        if (rule == HourlyDry)
        {
            globals.SetPrice(1m, "dry-run trial");
        }

        if (rule == OutOfStock && globals.Sku.Stock == 0)
        {
            globals.Notify("purchasing", "out of stock");
        }

        if (rule == DailyNotify)
        {
            globals.Notify("manager", $"daily report for {globals.Sku.Key}");
        }

        var outcome = globals.Actions.Count > 0 ? RuleOutcome.Fired : RuleOutcome.NoAction;
        return new RuleRun(rule, outcome, [.. globals.Actions], [], null);
    }

    public IReadOnlyList<RuleStatus> Describe() => [];

    private void Signal()
    {
        foreach (var (rule, count, reached) in _waiters)
        {
            if (_evaluations.Count(e => e.RuleId == rule.Id) >= count)
            {
                reached.TrySetResult();
            }
        }
    }

    private async Task HoldAsync()
    {
        var inFlight = Interlocked.Increment(ref _inFlight);
        int max;
        while (inFlight > (max = Volatile.Read(ref _maxInFlight)) && Interlocked.CompareExchange(ref _maxInFlight, inFlight, max) != max)
        {
        }

        if (Hold > TimeSpan.Zero)
        {
            await Task.Delay(Hold);
        }

        Interlocked.Decrement(ref _inFlight);
    }
}
