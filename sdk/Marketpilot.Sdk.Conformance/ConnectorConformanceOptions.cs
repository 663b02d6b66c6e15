using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.Conformance;

/// <summary>How <see cref="ConnectorConformance"/> exercises a connector.</summary>
/// <remarks>
/// The apply checks change the marketplace the connector talks to: run them against a sandbox shop, or set
/// <see cref="IncludeApplyChecks"/> to <see langword="false"/>. The default actions are as harmless as the kit can
/// make them (set a SKU's price to the price it has).
/// </remarks>
public sealed record ConnectorConformanceOptions
{
    /// <summary>Whether to run the checks that apply actions.</summary>
    /// <value>The default is <see langword="true"/>; when <see langword="false"/> those checks are skipped.</value>
    public bool IncludeApplyChecks { get; init; } = true;

    /// <summary>The most pages the pagination check follows before it fails as "never ends".</summary>
    /// <value>The default is 10,000.</value>
    public int MaxPages { get; init; } = 10_000;

    /// <summary>The largest batch the batch-limit check sends, even when the connector allows more.</summary>
    /// <value>The default is 1,000.</value>
    public int MaxBatchToTry { get; init; } = 1_000;

    /// <summary>How long one connector call may take before the check fails.</summary>
    /// <value>The default is 30 seconds.</value>
    public TimeSpan CallTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Builds an action the connector should apply to a pulled SKU; <see langword="null"/> when there is none for that SKU.
    /// </summary>
    /// <value>
    /// The default, <see langword="null"/>, uses <see cref="DefaultValidAction"/>: set the price to the current price,
    /// else a 1% coupon for a day, else leave every promotion.
    /// </value>
    public Func<SkuSnapshot, ConnectorCapabilities, RuleAction?>? ValidAction { get; init; }

    /// <summary>
    /// Reads what the marketplace holds for a SKU as a string (for example its price and coupons), so the
    /// idempotency check can tell that replaying a key changed nothing.
    /// </summary>
    /// <value>The default, <see langword="null"/>, checks only the replayed results, not the marketplace.</value>
    public Func<IMarketplaceConnector, SkuKey, CancellationToken, Task<string>>? Observe { get; init; }

    /// <summary>The action the kit applies to <paramref name="sku"/> when <see cref="ValidAction"/> is not set.</summary>
    /// <param name="sku">A SKU the connector pulled.</param>
    /// <param name="capabilities">The connector's capabilities.</param>
    /// <returns>The action, or <see langword="null"/> when the connector supports none of the kinds the kit knows how to fill in.</returns>
    public static RuleAction? DefaultValidAction(SkuSnapshot sku, ConnectorCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(sku);
        ArgumentNullException.ThrowIfNull(capabilities);

        if (capabilities.Supports(ActionKind.SetPrice) && sku.Price > 0)
        {
            return new SetPrice(sku.Price) { Reason = "conformance check" };
        }

        if (capabilities.Supports(ActionKind.CreateCoupon))
        {
            return new CreateCoupon(0.01m, TimeSpan.FromDays(1)) { Reason = "conformance check" };
        }

        return capabilities.Supports(ActionKind.RemoveFromPromo) ? new RemoveFromPromo() { Reason = "conformance check" } : null;
    }
}
