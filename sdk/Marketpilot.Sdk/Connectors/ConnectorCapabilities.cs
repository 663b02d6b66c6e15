using Marketpilot.Sdk.Actions;

namespace Marketpilot.Sdk.Connectors;

/// <summary>What a <see cref="IMarketplaceConnector"/> can do: which actions it applies, what data it pulls, how large a batch it takes.</summary>
/// <remarks>
/// <para>
/// The host reads <see cref="IMarketplaceConnector.Capabilities"/> once, when it starts using the connector, and
/// honours it: it sends only actions whose kind is in <see cref="ActionKinds"/> (any other action is recorded as
/// rejected without calling the connector), and never more than <see cref="MaxBatchSize"/> actions in one
/// <see cref="IMarketplaceConnector.ApplyAsync"/> call. A connector must still map anything it cannot do to a
/// <see cref="ActionResultStatus.Rejected"/> result rather than throw.
/// </para>
/// <para>Immutable; the same instance may be returned on every call.</para>
/// </remarks>
public sealed record ConnectorCapabilities
{
    /// <summary>The batch size used when a connector does not set <see cref="MaxBatchSize"/>.</summary>
    public const int DefaultMaxBatchSize = 100;

    /// <summary>The largest <see cref="MaxBatchSize"/> the host accepts.</summary>
    public const int MaxAllowedBatchSize = 10_000;

    /// <summary>
    /// The action kinds the connector applies on its marketplace. <see cref="ActionKind.Notify"/> is never one of
    /// them: notifications go to <see cref="INotificationChannel"/>s.
    /// </summary>
    /// <value>The default is empty: a read-only connector.</value>
    public IReadOnlyCollection<ActionKind> ActionKinds { get; init; } = [];

    /// <summary>
    /// Whether pulled <see cref="Catalog.SkuSnapshot"/>s carry the catalog: title, category, price, cost, stock,
    /// card status and promotions.
    /// </summary>
    public bool CanPullCatalog { get; init; }

    /// <summary>
    /// Whether pulled <see cref="Catalog.SkuSnapshot"/>s carry the day's metrics (impressions, clicks, add-to-cart,
    /// orders, returns). When <see langword="false"/> those counts are 0 and the host does not treat them as data.
    /// </summary>
    public bool CanPullMetrics { get; init; }

    /// <summary>
    /// Which of the day's metrics pulled snapshots carry when <see cref="CanPullMetrics"/> is <see langword="true"/>
    /// (a marketplace that reports orders and returns but no impressions declares <c>Orders | Returns</c>). The host
    /// keeps what it already stored for every other metric instead of overwriting it with the snapshot's 0.
    /// </summary>
    /// <value>The default is <see cref="Catalog.MetricKinds.All"/>.</value>
    public Catalog.MetricKinds PulledMetrics { get; init; } = Catalog.MetricKinds.All;

    /// <summary>The metrics the host takes from pulled snapshots: <see cref="PulledMetrics"/> when <see cref="CanPullMetrics"/>, otherwise none.</summary>
    public Catalog.MetricKinds EffectiveMetrics => CanPullMetrics ? PulledMetrics : Catalog.MetricKinds.None;

    /// <summary>
    /// Why the marketplace cannot do an action kind the connector does not apply, for example
    /// <c>RemoveFromPromo: "Wildberries' API has no way to take an item out of a promotion"</c>. The host puts the reason
    /// in the rejected action's log entry, so the seller reads what the marketplace lacks rather than a bare refusal.
    /// </summary>
    /// <value>The default is empty; a kind listed here must not be in <see cref="ActionKinds"/>.</value>
    public IReadOnlyDictionary<ActionKind, string> UnsupportedReasons { get; init; } = new Dictionary<ActionKind, string>();

    /// <summary>Whether pulled pages carry <see cref="Catalog.CampaignSnapshot"/>s (ads, promotions, coupons and their stats).</summary>
    public bool CanPullCampaigns { get; init; }

    /// <summary>The most actions one <see cref="IMarketplaceConnector.ApplyAsync"/> call may carry.</summary>
    /// <value>From 1 to <see cref="MaxAllowedBatchSize"/>; the default is <see cref="DefaultMaxBatchSize"/>.</value>
    public int MaxBatchSize { get; init; } = DefaultMaxBatchSize;

    /// <summary>Tells whether the connector applies actions of <paramref name="kind"/>.</summary>
    /// <param name="kind">The action kind.</param>
    /// <returns><see langword="true"/> when <paramref name="kind"/> is in <see cref="ActionKinds"/>.</returns>
    public bool Supports(ActionKind kind) => ActionKinds.Contains(kind);

    /// <summary>Lists what is wrong with these capabilities; the host refuses to load a connector whose list is not empty, and the conformance kit fails it.</summary>
    /// <returns>One sentence per problem; empty when the capabilities are valid. Never throws.</returns>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ActionKinds is null)
        {
            problems.Add($"{nameof(ActionKinds)} is null; use an empty collection for a read-only connector.");
        }
        else
        {
            if (ActionKinds.Contains(ActionKind.Notify))
            {
                problems.Add($"{nameof(ActionKinds)} contains {nameof(ActionKind.Notify)}; notifications go to notification channels, not connectors.");
            }

            foreach (var kind in ActionKinds.Where(k => !Enum.IsDefined(k)).Distinct())
            {
                problems.Add($"{nameof(ActionKinds)} contains {(int)kind}, which is not an {nameof(ActionKind)}.");
            }

            if (ActionKinds.Distinct().Count() != ActionKinds.Count)
            {
                problems.Add($"{nameof(ActionKinds)} lists a kind more than once.");
            }
        }

        if ((PulledMetrics & ~Catalog.MetricKinds.All) != 0)
        {
            problems.Add($"{nameof(PulledMetrics)} is {(int)PulledMetrics}, which has flags no metric has.");
        }
        else if (CanPullMetrics && PulledMetrics == Catalog.MetricKinds.None)
        {
            problems.Add($"{nameof(CanPullMetrics)} is true but {nameof(PulledMetrics)} is None.");
        }

        if (UnsupportedReasons is null)
        {
            problems.Add($"{nameof(UnsupportedReasons)} is null; use an empty dictionary.");
        }
        else if (ActionKinds is not null && UnsupportedReasons.Keys.Any(ActionKinds.Contains))
        {
            problems.Add($"{nameof(UnsupportedReasons)} explains a kind that {nameof(ActionKinds)} lists as supported.");
        }

        if (MaxBatchSize is < 1 or > MaxAllowedBatchSize)
        {
            problems.Add($"{nameof(MaxBatchSize)} is {MaxBatchSize}; it must be from 1 to {MaxAllowedBatchSize}.");
        }

        if (!CanPullCatalog && !CanPullMetrics && !CanPullCampaigns && ActionKinds is { Count: 0 })
        {
            problems.Add("The connector neither pulls data nor applies actions.");
        }

        return problems;
    }
}
