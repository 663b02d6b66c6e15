using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Runtime;

/// <summary>
/// The base class of every compiled rule: it puts the members of <see cref="RuleGlobals"/> in scope
/// without a prefix, as they are in a <c>.csx</c> script. Not for use by hand.
/// </summary>
/// <remarks>
/// A compiled rule keeps no state of its own between evaluations: the script's variables are locals
/// of <see cref="Execute"/>, and the only field is the globals of the evaluation running now. The text a
/// rule hands the host (messages, notifications, reasons, ids) is counted against the evaluation's
/// budget on the way, since the host stores and sends all of it.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class RuleScript
{
    private RuleGlobals? _globals;

    /// <summary>See <see cref="RuleGlobals.Sku"/>.</summary>
    protected SkuSnapshot Sku => Globals.Sku;

    /// <summary>See <see cref="RuleGlobals.History"/>.</summary>
    protected IReadOnlyList<DailyMetrics> History => Globals.History;

    /// <summary>See <see cref="RuleGlobals.Day"/>.</summary>
    protected MetricWindow Day => Globals.Day;

    /// <summary>See <see cref="RuleGlobals.Week"/>.</summary>
    protected MetricWindow Week => Globals.Week;

    /// <summary>See <see cref="RuleGlobals.Month"/>.</summary>
    protected MetricWindow Month => Globals.Month;

    /// <summary>See <see cref="RuleGlobals.Campaigns"/>.</summary>
    protected IReadOnlyList<CampaignSnapshot> Campaigns => Globals.Campaigns;

    /// <summary>See <see cref="RuleGlobals.Rule"/>.</summary>
    protected RuleState Rule => Globals.Rule;

    /// <summary>See <see cref="RuleGlobals.Now"/>.</summary>
    protected DateTimeOffset Now => Globals.Now;

    /// <summary>See <see cref="RuleGlobals.Event"/>.</summary>
    protected Marketpilot.Sdk.Events.MarketplaceEvent? Event => Globals.Event;

    /// <summary>See <see cref="RuleGlobals.Actions"/>.</summary>
    protected IReadOnlyList<RuleAction> Actions => Globals.Actions;

    /// <summary>See <see cref="RuleGlobals.Messages"/>.</summary>
    protected IReadOnlyList<string> Messages => Globals.Messages;

    // Small enough to inline into the rule's code at every use of Sku, History, Campaigns...: the throw is in a helper.
    private RuleGlobals Globals => _globals ?? NotEvaluating();

    /// <summary>Runs the script's statements once against <paramref name="globals"/>.</summary>
    /// <param name="globals">The evaluation's globals.</param>
    internal void Run(RuleGlobals globals)
    {
        _globals = globals;
        try
        {
            Execute();
        }
        finally
        {
            _globals = null;
        }
    }

    /// <summary>The script's statements.</summary>
    protected abstract void Execute();

    [DoesNotReturn]
    private static RuleGlobals NotEvaluating() => throw new InvalidOperationException("The rule is not being evaluated.");

    /// <summary>See <see cref="RuleGlobals.IsNewItem"/>.</summary>
    /// <param name="days">The age under which an item counts as new.</param>
    /// <returns>Whether the item is new.</returns>
    protected bool IsNewItem(int days = 30) => Globals.IsNewItem(days);

    /// <summary>See <see cref="RuleGlobals.IsCoolingDown"/>.</summary>
    /// <param name="cooldown">The quiet time between firings.</param>
    /// <returns>Whether the rule should stay quiet.</returns>
    protected bool IsCoolingDown(TimeSpan cooldown) => Globals.IsCoolingDown(cooldown);

    /// <summary>See <see cref="RuleGlobals.SetPrice"/>.</summary>
    /// <param name="price">The new price.</param>
    /// <param name="reason">Why.</param>
    protected void SetPrice(decimal price, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.SetPrice(price, RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.CreateCoupon"/>.</summary>
    /// <param name="discount">The discount fraction.</param>
    /// <param name="duration">How long the coupon is valid.</param>
    /// <param name="reason">Why.</param>
    protected void CreateCoupon(decimal discount, TimeSpan duration, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.CreateCoupon(discount, duration, RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.RemoveFromPromo"/>.</summary>
    /// <param name="promotionId">The promotion, or every one.</param>
    /// <param name="reason">Why.</param>
    protected void RemoveFromPromo(string? promotionId = null, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.RemoveFromPromo(RuleBudget.Handed(promotionId), RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.AddToPromo"/>.</summary>
    /// <param name="promotionId">The promotion.</param>
    /// <param name="reason">Why.</param>
    protected void AddToPromo(string promotionId, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.AddToPromo(RuleBudget.Handed(promotionId), RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.PauseAds"/>.</summary>
    /// <param name="campaignId">The campaign, or every one.</param>
    /// <param name="reason">Why.</param>
    protected void PauseAds(string? campaignId = null, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.PauseAds(RuleBudget.Handed(campaignId), RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.ResumeAds"/>.</summary>
    /// <param name="campaignId">The campaign, or every one.</param>
    /// <param name="reason">Why.</param>
    protected void ResumeAds(string? campaignId = null, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.ResumeAds(RuleBudget.Handed(campaignId), RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.SetBid"/>.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="bid">The new bid.</param>
    /// <param name="reason">Why.</param>
    protected void SetBid(string campaignId, decimal bid, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.SetBid(RuleBudget.Handed(campaignId), bid, RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.SetBudget"/>.</summary>
    /// <param name="campaignId">The campaign.</param>
    /// <param name="budget">The new daily budget.</param>
    /// <param name="reason">Why.</param>
    protected void SetBudget(string campaignId, decimal budget, string? reason = null)
    {
        RuleBudget.Proposing();
        Globals.SetBudget(RuleBudget.Handed(campaignId), budget, RuleBudget.Handed(reason));
    }

    /// <summary>See <see cref="RuleGlobals.Notify"/>.</summary>
    /// <param name="recipient">Who.</param>
    /// <param name="message">What.</param>
    protected void Notify(string recipient, string message)
    {
        RuleBudget.Proposing();
        Globals.Notify(RuleBudget.Handed(recipient), RuleBudget.Handed(message));
    }

    /// <summary>See <see cref="RuleGlobals.Log"/>.</summary>
    /// <param name="message">The text.</param>
    protected void Log(string message) => Globals.Log(RuleBudget.Logged(message));
}
