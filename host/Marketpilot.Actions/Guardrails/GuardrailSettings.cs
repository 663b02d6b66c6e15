using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// The limits every action of a shop passes before it is queued. The defaults are bound to <c>Marketpilot:Guardrails</c>;
/// a shop's own come from <c>PUT /api/v1/shops/{marketplace}/{shopId}/guardrails</c>. Ratios are fractions: 0.12 is 12%.
/// </summary>
/// <remarks>
/// Always on besides these: a price must be greater than zero, and not below the marketplace's own minimum
/// (<c>SkuSnapshot.MinPrice</c>) where the snapshot carries one.
/// </remarks>
[GenerateSerializer]
[Alias("Marketpilot.Actions.GuardrailSettings")]
public sealed record GuardrailSettings
{
    /// <summary>The configuration section of the defaults.</summary>
    public const string SectionName = "Marketpilot:Guardrails";

    /// <summary>The lowest margin a price (or a price less a coupon) may leave: the floor is cost / (1 − minMargin). Not checked while the cost is 0 (unknown).</summary>
    /// <value>From 0 to below 1; the default is 0: never below cost.</value>
    [Id(0)]
    public decimal MinMargin { get; init; }

    /// <summary>The largest change of one price action, as a fraction of the price it replaces.</summary>
    /// <value>Greater than 0; the default is 0.25.</value>
    [Id(1)]
    public decimal MaxPriceChangePerAction { get; init; } = 0.25m;

    /// <summary>The largest change of a SKU's price within a UTC day, as a fraction of its price when the day's first price action was approved.</summary>
    /// <value>Greater than 0; the default is 0.5.</value>
    [Id(2)]
    public decimal MaxPriceChangePerDay { get; init; } = 0.5m;

    /// <summary>The largest coupon discount, as a fraction of the price.</summary>
    /// <value>From 0 to below 1; the default is 0.5.</value>
    [Id(3)]
    public decimal MaxCouponDiscount { get; init; } = 0.5m;

    /// <summary>How many coupons one SKU may get in a UTC day.</summary>
    /// <value>0 or more; the default is 3.</value>
    [Id(4)]
    public int MaxCouponsPerSkuPerDay { get; init; } = 3;

    /// <summary>How many actions one rule may have approved in one shop in a UTC day (undo actions do not count).</summary>
    /// <value>0 or more; the default is 10000.</value>
    [Id(5)]
    public int MaxActionsPerRulePerDay { get; init; } = 10_000;

    /// <summary>Lists what is wrong with these values, by JSON field name; empty when they are valid.</summary>
    /// <returns>Field name and message pairs.</returns>
    public IReadOnlyList<KeyValuePair<string, string>> Validate()
    {
        var errors = new List<KeyValuePair<string, string>>();
        void Fraction(string name, decimal value, bool zeroAllowed)
        {
            if (value < 0 || value >= 1 || (!zeroAllowed && value == 0))
            {
                errors.Add(new(name, $"must be a fraction {(zeroAllowed ? "from 0" : "greater than 0")} and below 1 (0.12 is 12%); got {value}"));
            }
        }

        Fraction("minMargin", MinMargin, zeroAllowed: true);
        Fraction("maxCouponDiscount", MaxCouponDiscount, zeroAllowed: true);
        if (MaxPriceChangePerAction <= 0)
        {
            errors.Add(new("maxPriceChangePerAction", $"must be greater than 0 (0.1 is 10%); got {MaxPriceChangePerAction}"));
        }

        if (MaxPriceChangePerDay <= 0)
        {
            errors.Add(new("maxPriceChangePerDay", $"must be greater than 0 (0.1 is 10%); got {MaxPriceChangePerDay}"));
        }

        if (MaxCouponsPerSkuPerDay < 0)
        {
            errors.Add(new("maxCouponsPerSkuPerDay", $"must be 0 or more; got {MaxCouponsPerSkuPerDay}"));
        }

        if (MaxActionsPerRulePerDay < 0)
        {
            errors.Add(new("maxActionsPerRulePerDay", $"must be 0 or more; got {MaxActionsPerRulePerDay}"));
        }

        return errors;
    }

    /// <summary>These limits, tightened where a rule's header is stricter; a header never loosens them.</summary>
    /// <param name="rule">The rule's own guardrails.</param>
    /// <returns>The limits for the rule's actions.</returns>
    public GuardrailSettings TightenedBy(RuleGuardrails rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return ReferenceEquals(rule, RuleGuardrails.None) ? this : new GuardrailSettings
        {
            MinMargin = Math.Max(MinMargin, rule.MinMargin ?? 0),
            MaxPriceChangePerAction = Math.Min(MaxPriceChangePerAction, rule.MaxPriceChangePerAction ?? decimal.MaxValue),
            MaxPriceChangePerDay = Math.Min(MaxPriceChangePerDay, rule.MaxPriceChangePerDay ?? decimal.MaxValue),
            MaxCouponDiscount = Math.Min(MaxCouponDiscount, rule.MaxCouponDiscount ?? decimal.MaxValue),
            MaxCouponsPerSkuPerDay = Math.Min(MaxCouponsPerSkuPerDay, rule.MaxCouponsPerSkuPerDay ?? int.MaxValue),
            MaxActionsPerRulePerDay = Math.Min(MaxActionsPerRulePerDay, rule.MaxActionsPerRulePerDay ?? int.MaxValue),
        };
    }
}
