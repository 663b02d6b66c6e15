using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Plugins;

/// <summary>A plugin's connector behind its <see cref="PluginGuard"/>; what <see cref="IPluginRegistry.Connectors"/> and the shops hand out.</summary>
/// <param name="inner">The plugin's connector.</param>
/// <param name="marketplace">The marketplace it serves.</param>
/// <param name="capabilities">Its capabilities, read once.</param>
/// <param name="guard">
/// The plugin's guard for a marketplace-wide connector; for a shop's connector the shop's own guard
/// (<see cref="PluginGuard.ForShop"/>), whose breaker is the shop's and whose <see cref="PluginGuard.Scrub"/> masks the
/// shop's credentials with the plugin's secret settings in what the connector says (its exceptions, its results' reasons).
/// </param>
internal class GuardedConnector(IMarketplaceConnector inner, string marketplace, ConnectorCapabilities capabilities, PluginGuard guard)
    : IMarketplaceConnector, IPluginComponent
{
    public string Marketplace => marketplace;

    public ConnectorCapabilities Capabilities => capabilities;

    public string PluginId => guard.PluginId;

    public string PluginVersion => guard.PluginVersion;

    internal IMarketplaceConnector Inner => inner;

    /// <summary>Where the breaker this connector calls through stands now: the shop's for a shop's connector.</summary>
    internal BreakerState Breaker => guard.Breaker;

    protected PluginGuard Guard => guard;

    /// <summary>Guards <paramref name="inner"/>; the result is also an <see cref="IOfferFeedSource"/> when <paramref name="inner"/> is one.</summary>
    public static GuardedConnector Create(IMarketplaceConnector inner, string marketplace, ConnectorCapabilities capabilities, PluginGuard guard) =>
        inner is IOfferFeedSource feed
            ? new GuardedFeedConnector(inner, feed, marketplace, capabilities, guard)
            : new GuardedConnector(inner, marketplace, capabilities, guard);

    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) =>
        guard.CallAsync("pull", token => inner.PullAsync(cursor, token), CheckPage, cancellationToken);

    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
        guard.CallAsync("apply", async token => ScrubReasons(await inner.ApplyAsync(actions, token).ConfigureAwait(false)), CheckResults, cancellationToken);

    private IReadOnlyList<ActionResult> ScrubReasons(IReadOnlyList<ActionResult> results) =>
        results is null
            ? results!
            // A null result is left for CheckResults to refuse.
            : [.. results.Select(r => r is { Reason: { } reason } && guard.Scrub(reason) is var clean && clean != reason ? r with { Reason = clean } : r!)];

    private static string? CheckPage(CatalogPage? page) =>
        page is null ? "returned no page (null)"
        : page.Skus is null || page.Campaigns is null ? "returned a page with a null list"
        : null;

    private static string? CheckResults(IReadOnlyList<ActionResult>? results) =>
        results is null ? "returned no results (null)"
        : results.Any(r => r is null || r.IdempotencyKey is null || !Enum.IsDefined(r.Status)) ? "returned a null or malformed result"
        : null;
}
