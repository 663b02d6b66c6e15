using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Collections;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Sdk.Rules;

/// <summary>
/// Everything a rule script sees. Its members are in scope in a <c>.csx</c> rule without any prefix:
/// a rule reads <see cref="Sku"/>, the metric windows and <see cref="Now"/>, and proposes actions by
/// calling <see cref="SetPrice"/>, <see cref="Notify"/> and the other action methods.
/// </summary>
/// <remarks>
/// The host gives every evaluation of one rule on one SKU a new instance, or one made new by
/// <see cref="Reset"/>, so nothing a rule does here carries over to another SKU or another run. Action methods only record proposals; the
/// host decides afterwards whether they are applied.
/// </remarks>
/// <example>
/// <code>
/// // scripts/min-margin.csx
/// var floor = Math.Ceiling(Sku.Cost / 0.88m * 100) / 100;
/// if (Sku.Price &lt; floor) SetPrice(floor, $"margin {Sku.Margin:P1} is below 12%");
/// </code>
/// </example>
public sealed class RuleGlobals
{
    private readonly List<RuleAction> _actions = [];
    private readonly List<string> _messages = [];
    private readonly ReadOnlyView<RuleAction> _actionsView;
    private readonly ReadOnlyView<string> _messagesView;
    private MetricWindow? _day;
    private MetricWindow? _week;
    private MetricWindow? _month;

    /// <summary>Creates the globals for one evaluation.</summary>
    /// <param name="sku">The SKU being evaluated, as last reported.</param>
    /// <param name="history">The SKU's daily counts, oldest first, at most one entry per day.</param>
    /// <param name="campaigns">The campaigns that cover the SKU.</param>
    /// <param name="rule">What the host remembers about this rule on this SKU.</param>
    /// <param name="now">The time of the evaluation.</param>
    /// <param name="marketplaceEvent">The event the rule runs on, for an <c>event(...)</c> trigger; <see langword="null"/> otherwise.</param>
    public RuleGlobals(
        SkuSnapshot sku,
        IReadOnlyList<DailyMetrics> history,
        IReadOnlyList<CampaignSnapshot> campaigns,
        RuleState rule,
        DateTimeOffset now,
        MarketplaceEvent? marketplaceEvent = null)
    {
        _actionsView = new(_actions);
        _messagesView = new(_messages);
        Reset(sku, history, campaigns, rule, now, marketplaceEvent);
    }

    /// <summary>
    /// Makes this object the globals of a new evaluation, as if it had just been created with these
    /// arguments: the actions and messages of the previous evaluation are cleared (the metric windows
    /// are kept when the SKU snapshot, history and time are the same objects and value). Lets a host that
    /// evaluates many SKUs reuse one object per thread instead of allocating one per evaluation.
    /// Rules cannot call it.
    /// </summary>
    /// <param name="sku">The SKU being evaluated, as last reported.</param>
    /// <param name="history">The SKU's daily counts, oldest first, at most one entry per day.</param>
    /// <param name="campaigns">The campaigns that cover the SKU.</param>
    /// <param name="rule">What the host remembers about this rule on this SKU.</param>
    /// <param name="now">The time of the evaluation.</param>
    /// <param name="marketplaceEvent">The event the rule runs on, for an <c>event(...)</c> trigger; <see langword="null"/> otherwise.</param>
    [System.Diagnostics.CodeAnalysis.MemberNotNull(nameof(Sku), nameof(History), nameof(Campaigns), nameof(Rule))]
    public void Reset(
        SkuSnapshot sku,
        IReadOnlyList<DailyMetrics> history,
        IReadOnlyList<CampaignSnapshot> campaigns,
        RuleState rule,
        DateTimeOffset now,
        MarketplaceEvent? marketplaceEvent = null)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(rule);

        // A rule must find nothing it can change, whatever it casts History or Campaigns to; immutable lists pass as they are.
        history = ReadOnlyData.Freeze(history);
        campaigns = ReadOnlyData.Freeze(campaigns);

        // Several rules evaluated on one SKU in a row share its windows: they are immutable and depend only on these three.
        if (!ReferenceEquals(sku, Sku) || !ReferenceEquals(history, History) || now != Now)
        {
            _day = null;
            _week = null;
            _month = null;
        }

        Sku = sku;
        History = history;
        Campaigns = campaigns;
        Rule = rule;
        Now = now;
        Event = marketplaceEvent;
        _actions.Clear();
        _messages.Clear();
    }

    /// <summary>The SKU being evaluated: its price, cost, stock, demand, promotions and the newest day's counts.</summary>
    public SkuSnapshot Sku { get; private set; }

    /// <summary>The SKU's daily counts, oldest first; the host keeps at least the last 30 days. Immutable.</summary>
    public IReadOnlyList<DailyMetrics> History { get; private set; }

    /// <summary>The newest day's counts and ratios.</summary>
    public MetricWindow Day => _day ?? SumWindows().Day;

    /// <summary>The last 7 days' counts and ratios, ending with the newest day.</summary>
    public MetricWindow Week => _week ?? SumWindows().Week;

    /// <summary>The last 30 days' counts and ratios, ending with the newest day.</summary>
    public MetricWindow Month => _month ?? SumWindows().Month;

    /// <summary>
    /// The campaigns (ads, promotions, coupons) that cover the SKU. Immutable. Each campaign's
    /// <see cref="CampaignSnapshot.Skus"/> lists only this SKU: a SKU keeps its own link to a campaign, not the campaign's
    /// whole list, which for a promotion may run to tens of thousands.
    /// </summary>
    public IReadOnlyList<CampaignSnapshot> Campaigns { get; private set; }

    /// <summary>What the host remembers about this rule on this SKU: when it last ran and fired, its failures.</summary>
    public RuleState Rule { get; private set; }

    /// <summary>The time of this evaluation. Use it instead of the system clock so tests and backtests can set it.</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>
    /// The marketplace event this evaluation runs on when the rule has an <c>event(...)</c> trigger (for
    /// <c>event(view-without-purchase, 24h)</c>, the view); <see langword="null"/> for every other trigger.
    /// </summary>
    public MarketplaceEvent? Event { get; private set; }

    /// <summary>The actions proposed so far in this evaluation, in the order they were proposed.</summary>
    public IReadOnlyList<RuleAction> Actions => _actionsView;

    /// <summary>The messages passed to <see cref="Log"/> so far in this evaluation.</summary>
    public IReadOnlyList<string> Messages => _messagesView;

    /// <summary>Tells whether the SKU was listed less than <paramref name="days"/> days before <see cref="Now"/>.</summary>
    /// <param name="days">The age under which an item counts as new; the default is 30.</param>
    /// <returns><see langword="true"/> for a new item; <see langword="false"/> when the listing date is unknown.</returns>
    public bool IsNewItem(int days = 30) => Sku.ListedAt is { } listed && Now - listed < TimeSpan.FromDays(days);

    /// <summary>Tells whether this rule fired on this SKU less than <paramref name="cooldown"/> ago.</summary>
    /// <param name="cooldown">The quarantine to keep between firings.</param>
    /// <returns><see langword="true"/> while the rule should stay quiet.</returns>
    public bool IsCoolingDown(TimeSpan cooldown) => Rule.LastFiredAt is { } fired && Now - fired < cooldown;

    /// <summary>Proposes a new price for the SKU.</summary>
    /// <param name="price">The new price in the shop's currency; positive.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void SetPrice(decimal price, string? reason = null) => Propose(new SetPrice(price), reason);

    /// <summary>Proposes a coupon for the SKU.</summary>
    /// <param name="discount">The discount as a fraction of the price: 0.10 is 10%.</param>
    /// <param name="duration">How long the coupon stays valid.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void CreateCoupon(decimal discount, TimeSpan duration, string? reason = null) =>
        Propose(new CreateCoupon(discount, duration), reason);

    /// <summary>Proposes taking the SKU out of a promotion.</summary>
    /// <param name="promotionId">The promotion; <see langword="null"/> means every promotion the SKU is in.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void RemoveFromPromo(string? promotionId = null, string? reason = null) =>
        Propose(new RemoveFromPromo(promotionId), reason);

    /// <summary>Proposes putting the SKU into a promotion.</summary>
    /// <param name="promotionId">The promotion to join.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void AddToPromo(string promotionId, string? reason = null) => Propose(new AddToPromo(promotionId), reason);

    /// <summary>Proposes pausing the SKU's paid advertising.</summary>
    /// <param name="campaignId">The ad campaign; <see langword="null"/> means every ad campaign covering the SKU.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void PauseAds(string? campaignId = null, string? reason = null) => Propose(new PauseAds(campaignId), reason);

    /// <summary>Proposes resuming the SKU's paid advertising.</summary>
    /// <param name="campaignId">The ad campaign; <see langword="null"/> means every paused ad campaign covering the SKU.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void ResumeAds(string? campaignId = null, string? reason = null) => Propose(new ResumeAds(campaignId), reason);

    /// <summary>Proposes a new bid for an ad campaign.</summary>
    /// <param name="campaignId">The ad campaign.</param>
    /// <param name="bid">The new bid in the shop's currency.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void SetBid(string campaignId, decimal bid, string? reason = null) => Propose(new SetBid(campaignId, bid), reason);

    /// <summary>Proposes a new daily budget for an ad campaign.</summary>
    /// <param name="campaignId">The ad campaign.</param>
    /// <param name="budget">The new daily budget in the shop's currency.</param>
    /// <param name="reason">Why, for the action log.</param>
    public void SetBudget(string campaignId, decimal budget, string? reason = null) =>
        Propose(new SetBudget(campaignId, budget), reason);

    /// <summary>Proposes a notification.</summary>
    /// <param name="recipient">A role (<c>purchasing</c>, <c>manager</c>) or a recipient the channels know.</param>
    /// <param name="message">The text to deliver.</param>
    public void Notify(string recipient, string message) => Propose(new Notify(recipient, message), reason: null);

    /// <summary>Writes a message to the host's log, tagged with the rule and the SKU.</summary>
    /// <param name="message">The text to log.</param>
    public void Log(string message) => _messages.Add(message);

    // The windows are summed in one pass on first use: a rule that never reads them does not pay for them.
    private (MetricWindow Day, MetricWindow Week, MetricWindow Month) SumWindows()
    {
        var history = History;
        var lastDay = Sku.Date ?? (history.Count > 0 ? history[^1].Date : DateOnly.FromDateTime(Now.UtcDateTime));
        var last = lastDay.DayNumber;
        Span<long> sums = stackalloc long[15];
        for (var i = 0; i < history.Count; i++)
        {
            var day = history[i];
            var age = last - day.Date.DayNumber;
            if (age is < 0 or >= 30)
            {
                continue;
            }

            for (var window = age == 0 ? 0 : age < 7 ? 1 : 2; window < 3; window++)
            {
                var at = window * 5;
                sums[at] += day.Impressions;
                sums[at + 1] += day.Clicks;
                sums[at + 2] += day.AddToCart;
                sums[at + 3] += day.Orders;
                sums[at + 4] += day.Returns;
            }
        }

        _day = new MetricWindow(1, sums[0], sums[1], sums[2], sums[3], sums[4]);
        _week = new MetricWindow(7, sums[5], sums[6], sums[7], sums[8], sums[9]);
        _month = new MetricWindow(30, sums[10], sums[11], sums[12], sums[13], sums[14]);
        return (_day, _week, _month);
    }

    private void Propose(RuleAction action, string? reason) =>
        _actions.Add(reason is null ? action : action with { Reason = reason });
}
