using Marketpilot.Actions.Undo;
using Marketpilot.Experiments;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Catalog;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// Turns one SKU's proposals into action log records: each passes the shop's guardrails (tightened by its rule's
/// header) and the rule's daily cap, or is rejected naming the guardrail; approved ones are recorded in the SKU's day
/// and become <see cref="ActionStatus.Proposed"/> records for the outbox. Runs inside the SKU grain's turn; it never
/// calls a marketplace.
/// </summary>
/// <param name="grains">Reaches the shop's guardrails and the rules' daily counters.</param>
/// <param name="rules">The loaded rules, for their headers' guardrails.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ActionApprover(IGrainFactory grains, IRuleRunner rules, ILogger<ActionApprover> logger)
{
    /// <summary>The reason recorded for a proposal of a rule in dry-run mode.</summary>
    public const string DryRunReason = "dry run: recorded, not applied";

    /// <summary>The reason recorded for a proposal on a SKU in the control group of its rule's rollout.</summary>
    public const string ControlReason = "control group: what the rule would have done, recorded, not applied";

    /// <summary>Decides every proposal, in order.</summary>
    /// <param name="sku">The SKU's latest snapshot.</param>
    /// <param name="campaigns">The campaigns covering the SKU.</param>
    /// <param name="proposals">The proposals, in the order they were made.</param>
    /// <param name="day">What the SKU had approved today; approvals are added to it.</param>
    /// <param name="now">The time of the decision.</param>
    /// <returns>One record per proposal.</returns>
    public async Task<IReadOnlyList<ActionRecord>> ApproveAsync(
        SkuSnapshot sku, IReadOnlyCollection<CampaignSnapshot> campaigns, IReadOnlyList<ProposedAction> proposals, SkuActionDay day, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(proposals);
        if (proposals.Count == 0)
        {
            return [];
        }

        var shop = (await grains.GetGrain<IShopGuardrailsGrain>(IShopGuardrailsGrain.KeyOf(sku.Marketplace, sku.ShopId)).GetAsync()).Settings;
        var records = new List<ActionRecord>(proposals.Count);
        foreach (var proposal in proposals)
        {
            var record = new ActionRecord(
                proposal.ActionId, proposal.RuleId, proposal.RuleVersion, sku.Key, proposal.Action, ActionStatus.Proposed, null, now, now,
                Replaced: Replacement.Capture(proposal.Action, sku, campaigns, day), UndoOf: proposal.UndoOf);

            // A replay of an evaluation already recorded today: the outbox keeps the first record; count it once.
            if (day.ActionIds.Contains(proposal.ActionId))
            {
                records.Add(record);
                continue;
            }

            var limits = shop.TightenedBy(GuardrailsOf(proposal.RuleId));
            var refusal = ActionGuard.Check(proposal.Action, sku, limits, day);
            // Control before dry-run: a control SKU's record is what the test arm is compared with, in either mode.
            if (proposal.Arm == ExperimentArm.Control || proposal.Mode == RuleMode.DryRun)
            {
                var (status, reason) = proposal.Arm == ExperimentArm.Control ? (ActionStatus.Control, ControlReason) : (ActionStatus.DryRun, DryRunReason);
                records.Add(record with
                {
                    Status = status,
                    StatusReason = refusal is { } would ? $"{reason}; the guardrails would refuse it: {would.Reason}" : reason,
                    Guardrail = refusal?.Rejection,
                });
                continue;
            }

            if (refusal is null && proposal.UndoOf is null)
            {
                refusal = await ReserveAsync(proposal, sku, limits, now);
            }

            if (refusal is { } refused)
            {
                LogRejected(sku.Key.ToString(), proposal.RuleId, proposal.Action.Kind.ToString(), refused.Rejection.Name, refused.Reason);
                records.Add(record with { Status = ActionStatus.Rejected, StatusReason = $"guardrail {refused.Rejection.Name}: {refused.Reason}", Guardrail = refused.Rejection });
                continue;
            }

            ActionGuard.Approve(proposal.ActionId, proposal.Action, sku, day);
            records.Add(record);
        }

        return records;
    }

    private async Task<(GuardrailRejection, string)?> ReserveAsync(ProposedAction proposal, SkuSnapshot sku, GuardrailSettings limits, DateTimeOffset now)
    {
        var key = IRuleQuotaGrain.KeyOf(proposal.RuleId, sku.Marketplace, sku.ShopId, DateOnly.FromDateTime(now.UtcDateTime));
        var (granted, before) = await grains.GetGrain<IRuleQuotaGrain>(key).ReserveAsync(1, limits.MaxActionsPerRulePerDay);
        return granted == 1 ? null : (new GuardrailRejection("maxActionsPerRulePerDay", limits.MaxActionsPerRulePerDay, before + 1),
            $"rule {proposal.RuleId} already had {before} actions approved in shop {sku.Marketplace}/{sku.ShopId} today; at most {limits.MaxActionsPerRulePerDay} a day");
    }

    private RuleGuardrails GuardrailsOf(string ruleId) =>
        rules.Rules.FirstOrDefault(r => r.Id == ruleId) is { } rule ? rules.GuardrailsOf(rule) : RuleGuardrails.None;

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rejected {Kind} of rule {RuleId} on {Sku} by guardrail {Guardrail}: {Reason}")]
    private partial void LogRejected(string sku, string ruleId, string kind, string guardrail, string reason);
}
