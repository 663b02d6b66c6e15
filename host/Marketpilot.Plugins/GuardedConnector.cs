using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Plugins;

/// <summary>A plugin's connector behind its <see cref="PluginGuard"/>; what <see cref="IPluginRegistry.Connectors"/> and the shops hand out.</summary>
internal class GuardedConnector(IMarketplaceConnector inner, string marketplace, ConnectorCapabilities capabilities, PluginGuard guard)
    : IMarketplaceConnector, IPluginComponent
{
    public string Marketplace => marketplace;

    public ConnectorCapabilities Capabilities => capabilities;

    public string PluginId => guard.PluginId;

    public string PluginVersion => guard.PluginVersion;

    internal IMarketplaceConnector Inner => inner;

    protected PluginGuard Guard => guard;

    /// <summary>Guards <paramref name="inner"/>; the result is also an <see cref="IOfferFeedSource"/> when <paramref name="inner"/> is one.</summary>
    public static GuardedConnector Create(IMarketplaceConnector inner, string marketplace, ConnectorCapabilities capabilities, PluginGuard guard) =>
        inner is IOfferFeedSource feed
            ? new GuardedFeedConnector(inner, feed, marketplace, capabilities, guard)
            : new GuardedConnector(inner, marketplace, capabilities, guard);

    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) =>
        guard.CallAsync("pull", token => inner.PullAsync(cursor, token), CheckPage, cancellationToken);

    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
        guard.CallAsync("apply", token => inner.ApplyAsync(actions, token), CheckResults, cancellationToken);

    private static string? CheckPage(CatalogPage? page) =>
        page is null ? "returned no page (null)"
        : page.Skus is null || page.Campaigns is null ? "returned a page with a null list"
        : null;

    private static string? CheckResults(IReadOnlyList<ActionResult>? results) =>
        results is null ? "returned no results (null)"
        : results.Any(r => r is null || r.IdempotencyKey is null || !Enum.IsDefined(r.Status)) ? "returned a null or malformed result"
        : null;
}
