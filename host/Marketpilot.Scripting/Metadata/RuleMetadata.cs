using Marketpilot.Experiments;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Metadata;

/// <summary>
/// What a rule declares about itself in the <c>// @key: value</c> comment lines at the top of its file.
/// Every key is optional; <see cref="For"/> gives the defaults.
/// </summary>
/// <param name="Name">A display name (<c>@name</c>); the rule id by default.</param>
/// <param name="Description">What the rule does (<c>@description</c>); empty by default.</param>
/// <param name="Triggers">When it runs (<c>@triggers</c>); <see cref="RuleTrigger.DataChange"/> by default.</param>
/// <param name="Scope">Which SKUs it runs on (<c>@scope</c>); every SKU by default.</param>
/// <param name="Cooldown">Quiet time after it fired on a SKU (<c>@cooldown</c>); none by default.</param>
/// <param name="Guards">Conditions a SKU must meet before the rule runs on it (<c>@guards</c>); none by default.</param>
/// <param name="Mode">What happens to its proposals (<c>@mode</c>); <see cref="RuleMode.Live"/> by default.</param>
/// <param name="MaxSteps">Its own step budget (<c>@max-steps</c>); the host's default when <see langword="null"/>.</param>
/// <param name="MaxDepth">Its own depth budget (<c>@max-depth</c>); the host's default when <see langword="null"/>.</param>
/// <param name="MaxAllocatedBytes">Its own allocation budget (<c>@max-memory</c>); the host's default when <see langword="null"/>.</param>
/// <param name="Timeout">Its own wall-clock budget (<c>@timeout</c>); the host's default when <see langword="null"/>.</param>
/// <param name="Guardrails">Guardrails the rule tightens for its own actions (<c>@guardrails</c>); none by default.</param>
/// <param name="Rollout">The share of SKUs in the rule's test arm (<c>@rollout</c>); the others are its control group, evaluated and recorded but never applied. Every SKU by default.</param>
public sealed record RuleMetadata(
    string Name,
    string Description,
    IReadOnlyList<RuleTrigger> Triggers,
    RuleScope Scope,
    TimeSpan? Cooldown,
    IReadOnlyList<RuleGuard> Guards,
    RuleMode Mode,
    long? MaxSteps,
    int? MaxDepth,
    long? MaxAllocatedBytes,
    TimeSpan? Timeout,
    RuleGuardrails? Guardrails = null,
    Rollout? Rollout = null)
{
    /// <summary>The metadata of a rule that declares none: named after its id, run on data change, on every SKU.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <returns>The defaults.</returns>
    public static RuleMetadata For(string ruleId) =>
        new(ruleId, string.Empty, [RuleTrigger.DataChange], RuleScope.All, null, [], RuleMode.Live, null, null, null, null);

    /// <summary>The budgets of the rule: its own where it declares them, the defaults elsewhere, all capped by <paramref name="ceiling"/>.</summary>
    /// <param name="defaults">The host's default budgets.</param>
    /// <param name="ceiling">The highest budgets the host allows.</param>
    /// <returns>The rule's budgets.</returns>
    public RuleLimits LimitsFrom(RuleLimits defaults, RuleLimits ceiling)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(ceiling);

        return new RuleLimits(
            MaxSteps ?? defaults.MaxSteps,
            MaxDepth ?? defaults.MaxDepth,
            MaxAllocatedBytes ?? defaults.MaxAllocatedBytes,
            Timeout ?? defaults.Timeout).CappedBy(ceiling);
    }

    /// <summary>The cron expressions of <c>@triggers: cron(...)</c>, when <see cref="Triggers"/> holds <see cref="RuleTrigger.Cron"/>; none by default.</summary>
    public IReadOnlyList<RuleCronSchedule> CronSchedules { get; init; } = [];

    /// <summary>The <c>event(...)</c> entries of <c>@triggers</c>; empty unless <see cref="Triggers"/> holds <see cref="RuleTrigger.Event"/>.</summary>
    public IReadOnlyList<EventTrigger> EventTriggers { get; init; } = [];

    /// <summary>The minimum data a SKU needs before the rule runs on it (<c>@min-data</c>); none by default.</summary>
    public IReadOnlyList<RuleMinimum> MinData { get; init; } = [];

    /// <summary>When the host stops the rule and rolls back what it did (<c>@emergency</c>): thresholds on its test arm against its control arm; none by default.</summary>
    public EmergencyThresholds? Emergency { get; init; }

    /// <summary>The age in days under which <see cref="RuleGuard.NotNewItem"/> skips an item (<c>@guards: not-new-item=14d</c>); 30 by default.</summary>
    public int NewItemDays { get; init; } = DefaultNewItemDays;

    /// <summary>How many times a day the rule may fire in a shop (<c>@max-firings-per-day</c>); unlimited when <see langword="null"/>.</summary>
    public int? MaxFiringsPerDay { get; init; }

    /// <summary>The age in days under which an item counts as new when the header gives none.</summary>
    public const int DefaultNewItemDays = 30;

    /// <summary>Whether the rule declares nothing a SKU must meet (scope, cooldown, guards, minimum data): <see cref="Admits"/> is then always true.</summary>
    internal bool AdmitsEverySku => ReferenceEquals(Scope, RuleScope.All) && Cooldown is null && Guards.Count == 0 && MinData.Count == 0;

    /// <summary>
    /// Whether the rule should run on the SKU of <paramref name="globals"/>: in scope, not cooling down, every guard met and
    /// every minimum of data reached. <see cref="MaxFiringsPerDay"/> is not checked here: it counts across the shop.
    /// </summary>
    /// <param name="globals">The evaluation's globals.</param>
    /// <returns><see langword="false"/> when the rule is skipped (it then proposes nothing).</returns>
    public bool Admits(RuleGlobals globals)
    {
        ArgumentNullException.ThrowIfNull(globals);

        if (!ReferenceEquals(Scope, RuleScope.All) && !Scope.Admits(globals.Sku))
        {
            return false;
        }

        if (Cooldown is { } cooldown && globals.IsCoolingDown(cooldown))
        {
            return false;
        }

        for (var i = 0; i < Guards.Count; i++)
        {
            var admitted = Guards[i] switch
            {
                RuleGuard.NotNewItem => !globals.IsNewItem(NewItemDays),
                RuleGuard.InStock => globals.Sku.Stock > 0,
                RuleGuard.HasCost => globals.Sku.Cost > 0,
                _ => true,
            };
            if (!admitted)
            {
                return false;
            }
        }

        for (var i = 0; i < MinData.Count; i++)
        {
            if (!MinData[i].IsMetBy(globals))
            {
                return false;
            }
        }

        return true;
    }
}
