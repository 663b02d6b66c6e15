namespace Marketpilot.Scripting.Metadata;

/// <summary>A condition checked before a rule runs on a SKU (<c>// @guards:</c>); when it does not hold, the rule is not run and proposes nothing.</summary>
public enum RuleGuard
{
    /// <summary><c>not-new-item</c>: the SKU was listed at least 30 days ago, or the days it names (<c>not-new-item=14d</c>, <see cref="RuleMetadata.NewItemDays"/>); a SKU whose listing date is unknown passes.</summary>
    NotNewItem,

    /// <summary><c>in-stock</c>: the SKU has stock.</summary>
    InStock,

    /// <summary><c>has-cost</c>: the SKU's cost is known (positive).</summary>
    HasCost,
}
