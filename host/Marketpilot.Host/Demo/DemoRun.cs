using System.Diagnostics;
using Marketpilot.Actions;
using Marketpilot.Actions.Evaluation;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Host.Demo;

/// <summary>
/// Runs the simulated shop day by day, as fast as it goes, with every rule on a rollout: each day's snapshots pass
/// through the one evaluation core (<see cref="RuleRound"/>) and the guardrails (<see cref="ActionGuard"/>); the
/// test arm's approved actions are applied by the simulator through its connector before the next day is simulated,
/// the control arm's are only counted. No grains, no store: the compiled rules run in this process.
/// </summary>
/// <remarks>
/// Every trigger runs on the simulated calendar: data-change rules on each snapshot; daily and hourly rules once per
/// day (the demo's step is a day); cron rules once per day on which their expression has an occurrence (UTC, the
/// simulated shop's zone); event rules on the day's events, with views followed up by <see cref="EventFollowUps"/> as
/// the SKU grain does.
/// </remarks>
/// <param name="simulator">The simulator plugin's connector, on a fresh shop whose days are all ready.</param>
/// <param name="rules">The rules, each on the demo's rollout.</param>
/// <param name="guardrails">The shop's guardrails.</param>
public sealed class DemoRun(IMarketplaceConnector simulator, IRuleRunner rules, GuardrailSettings guardrails)
{
    private const int HistoryDays = 60;

    private readonly RuleRound _round = new(rules);
    private readonly EventFollowUps _followUps = new(rules);
    private readonly Dictionary<SkuKey, SkuTrack> _skus = [];
    private readonly Dictionary<string, RuleTally> _tallies = rules.Rules.ToDictionary(r => r.Id, _ => new RuleTally(), StringComparer.Ordinal);
    private readonly Dictionary<(string Rule, DateOnly Day), int> _approvedToday = [];
    private readonly List<SkuDayOutcome> _outcomes = [];
    private readonly Dictionary<string, GuardrailSettings> _limits = rules.Rules.ToDictionary(r => r.Id, r => guardrails.TightenedBy(rules.GuardrailsOf(r)), StringComparer.Ordinal);
    private long _evaluations;

    /// <summary>Simulates the warm-up and <see cref="DemoSettings.Days"/> days with the rules on.</summary>
    /// <param name="settings">What to simulate.</param>
    /// <param name="progress">Told after each day with the rules on: how many are done.</param>
    /// <param name="cancellationToken">Stops between days.</param>
    /// <returns>Each rule's experiment.</returns>
    public async Task<DemoResult> RunAsync(DemoSettings settings, Action<int>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var started = Stopwatch.GetTimestamp();
        string? cursor = null;
        var lastDay = settings.FirstRuleDay;
        for (var day = 0; day < settings.WarmUpDays + settings.Days; day++)
        {
            var page = await SimulatorShop.PullDayAsync(simulator, cursor, cancellationToken);
            cursor = page.NextCursor;
            var date = page.Skus.Select(s => s.Date).FirstOrDefault() ?? DemoSettings.StartDate.AddDays(day);
            if (date < settings.FirstRuleDay)
            {
                Remember(page);
                continue;
            }

            await EvaluateDayAsync(page, date, cancellationToken);
            lastDay = date;
            progress?.Invoke(day - settings.WarmUpDays + 1);
        }

        var results = rules.Rules.Select(rule =>
        {
            var tally = _tallies[rule.Id];
            var report = ExperimentReport.Build(rule.Id, rules.RolloutOf(rule), _outcomes, tally.Actions, settings.FirstRuleDay, lastDay);
            return new DemoRuleResult(rule.Id, report, tally.Applied, tally.Rejected, tally.Notified, tally.Control);
        }).ToList();
        return new DemoResult(settings, results, _outcomes.Count(o => o.Date >= settings.FirstRuleDay), _evaluations, Stopwatch.GetElapsedTime(started));
    }

    // A warm-up day: the rules' history, and each SKU's pre-period in the reports.
    private void Remember(CatalogPage page)
    {
        foreach (var snapshot in page.Skus)
        {
            Track(snapshot).Record(snapshot);
            _outcomes.Add(Outcome(snapshot, snapshot.Date!.Value));
        }
    }

    private async Task EvaluateDayAsync(CatalogPage page, DateOnly date, CancellationToken cancellationToken)
    {
        var requests = new List<(ActionRequest Request, string RuleId)>();
        var evaluatedAt = RuleClock.EvaluationTime(date, DateTimeOffset.UtcNow);
        var scheduled = ScheduledRuns(date);
        var events = EventsBySku(page);
        foreach (var snapshot in page.Skus)
        {
            var track = Track(snapshot);
            track.Record(snapshot);
            _outcomes.Add(Outcome(snapshot, date));
            track.Day = SkuActionDay.For(track.Day, date);

            var covering = page.Campaigns.Where(c => c.Covers(snapshot.Key)).ToList();
            SkuEvaluationContext At(DateTimeOffset now, Sdk.Events.MarketplaceEvent? marketplaceEvent = null) =>
                SkuEvaluationContext.Create(snapshot, track.History, covering, now, marketplaceEvent);
            async Task RunAsync(SkuEvaluationContext context, RuleTrigger trigger, string tick, IReadOnlySet<string>? only = null)
            {
                var entries = await _round.RunAsync(context, track.Rules, trigger, tick, static _ => RuleMode.Live, cancellationToken, only);
                _evaluations += entries.Count;
                foreach (var entry in entries)
                {
                    track.Rules[entry.Rule.Id] = entry.State;
                    foreach (var proposal in entry.Proposals)
                    {
                        Decide(proposal, snapshot, track.Day, date, requests);
                    }
                }
            }

            await RunAsync(At(evaluatedAt), RuleTrigger.DataChange, ActionIds.DataTick(snapshot));
            foreach (var (trigger, at, only) in scheduled)
            {
                await RunAsync(At(at), trigger, ActionIds.ScheduleTick(trigger.ToString(), at), only);
            }

            foreach (var marketplaceEvent in events.GetValueOrDefault(snapshot.Key) ?? [])
            {
                _followUps.Track(track.PendingViews, marketplaceEvent);
                if (_followUps.RunNow(marketplaceEvent) is { Count: > 0 } listening)
                {
                    await RunAsync(At(marketplaceEvent.OccurredAt, marketplaceEvent), RuleTrigger.Event, ActionIds.EventTick(marketplaceEvent.Id), listening);
                }
            }

            foreach (var (view, ruleId, at) in _followUps.Due(track.PendingViews, evaluatedAt))
            {
                await RunAsync(At(at, view), RuleTrigger.Event, EventFollowUps.FollowUpTick(view), new HashSet<string>(StringComparer.Ordinal) { ruleId });
            }
        }

        await ApplyAsync(requests, cancellationToken);
    }

    // The day's scheduled runs: daily and hourly once (at the end of the simulated day), each cron rule at its first
    // occurrence on the day.
    private List<(RuleTrigger Trigger, DateTimeOffset At, IReadOnlySet<string>? Only)> ScheduledRuns(DateOnly date)
    {
        var start = new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var runs = new List<(RuleTrigger, DateTimeOffset, IReadOnlySet<string>?)>
        {
            (RuleTrigger.Daily, start.AddDays(1), null),
            (RuleTrigger.Hourly, start.AddDays(1), null),
        };
        foreach (var rule in rules.Rules.Where(r => rules.TriggersOf(r).Contains(RuleTrigger.Cron)))
        {
            var first = rules.CronSchedulesOf(rule)
                .Select(c => c.NextAfter(start.AddTicks(-1), TimeZoneInfo.Utc))
                .Where(at => at < start.AddDays(1))
                .Min();
            if (first is { } at)
            {
                runs.Add((RuleTrigger.Cron, at, new HashSet<string>(StringComparer.Ordinal) { rule.Id }));
            }
        }

        return runs;
    }

    // A campaign's event goes to every SKU the campaign covers, as the host's ingestion does.
    private static Dictionary<SkuKey, List<Sdk.Events.MarketplaceEvent>> EventsBySku(CatalogPage page)
    {
        var bySku = new Dictionary<SkuKey, List<Sdk.Events.MarketplaceEvent>>();
        foreach (var marketplaceEvent in page.Events.OrderBy(e => e.OccurredAt))
        {
            IEnumerable<SkuKey> skus = marketplaceEvent.Sku is { } sku ? [sku]
                : marketplaceEvent.Campaign is { } campaign ? page.Campaigns.Where(c => c.Key == campaign).SelectMany(c => c.Skus.Select(s => new SkuKey(campaign.Marketplace, campaign.ShopId, s)))
                : [];
            foreach (var key in skus)
            {
                (bySku.TryGetValue(key, out var list) ? list : bySku[key] = []).Add(marketplaceEvent);
            }
        }

        return bySku;
    }

    // The guardrails as the host applies them: the shop's, tightened by the rule's header, and the rule's daily cap.
    private void Decide(ProposedAction proposal, SkuSnapshot sku, SkuActionDay day, DateOnly date, List<(ActionRequest, string)> requests)
    {
        var tally = _tallies[proposal.RuleId];
        var limits = _limits[proposal.RuleId];
        var refusal = ActionGuard.Check(proposal.Action, sku, limits, day);
        if (proposal.Arm == ExperimentArm.Control)
        {
            tally.Control++;
            tally.Actions.Add(new ArmAction(sku.Key, proposal.Action.Kind, ExperimentArm.Control, refusal is null));
            return;
        }

        var approved = _approvedToday.GetValueOrDefault((proposal.RuleId, date));
        if (refusal is not null || approved >= limits.MaxActionsPerRulePerDay)
        {
            tally.Rejected++;
            return;
        }

        _approvedToday[(proposal.RuleId, date)] = approved + 1;
        ActionGuard.Approve(proposal.ActionId, proposal.Action, sku, day);
        if (proposal.Action.Kind == ActionKind.Notify)
        {
            tally.Notified++;
            return;
        }

        requests.Add((new ActionRequest(proposal.ActionId, sku.Key, proposal.Action, proposal.RuleId), proposal.RuleId));
    }

    private async Task ApplyAsync(List<(ActionRequest Request, string RuleId)> requests, CancellationToken cancellationToken)
    {
        foreach (var batch in requests.Chunk(Math.Max(1, simulator.Capabilities.MaxBatchSize)))
        {
            var results = (await simulator.ApplyAsync([.. batch.Select(b => b.Request)], cancellationToken)).ToDictionary(r => r.IdempotencyKey, StringComparer.Ordinal);
            foreach (var (request, ruleId) in batch)
            {
                var tally = _tallies[ruleId];
                if (results.TryGetValue(request.IdempotencyKey, out var result) && result.Status == ActionResultStatus.Applied)
                {
                    tally.Applied++;
                    tally.Actions.Add(new ArmAction(request.Sku, request.Action.Kind, ExperimentArm.Test, TookEffect: true));
                }
                else
                {
                    tally.Rejected++;
                }
            }
        }
    }

    private SkuTrack Track(SkuSnapshot snapshot)
    {
        if (!_skus.TryGetValue(snapshot.Key, out var track))
        {
            track = new SkuTrack();
            _skus.Add(snapshot.Key, track);
        }

        return track;
    }

    private static SkuDayOutcome Outcome(SkuSnapshot snapshot, DateOnly date) =>
        SkuDayOutcome.Of(snapshot.Key, date, snapshot.Clicks, snapshot.Orders, snapshot.Returns, snapshot.Price, snapshot.Cost, snapshot.Stock, snapshot.Revenue);

    private sealed class SkuTrack
    {
        public List<DailyMetrics> History { get; } = [];

        public Dictionary<string, RuleState> Rules { get; } = new(StringComparer.Ordinal);

        public SkuActionDay? Day { get; set; }

        public List<PendingView> PendingViews { get; } = [];

        public void Record(SkuSnapshot snapshot)
        {
            History.Add(snapshot.MetricsFor(snapshot.Date!.Value));
            if (History.Count > HistoryDays)
            {
                History.RemoveAt(0);
            }
        }
    }

    private sealed class RuleTally
    {
        public List<ArmAction> Actions { get; } = [];

        public int Applied { get; set; }

        public int Rejected { get; set; }

        public int Notified { get; set; }

        public int Control { get; set; }
    }
}
