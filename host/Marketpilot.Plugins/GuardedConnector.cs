using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Plugins;

/// <summary>A plugin's connector behind its <see cref="PluginGuard"/>; what <see cref="IPluginRegistry.Connectors"/> and the shops hand out.</summary>
/// <param name="inner">The plugin's connector.</param>
/// <param name="marketplace">The marketplace it serves.</param>
/// <param name="capabilities">Its capabilities, read once.</param>
/// <param name="guard">The plugin's guard.</param>
/// <param name="scrub">
/// Masks secrets in what the connector says (its exceptions, its results' reasons) before anything logs or records it:
/// for a shop's connector its credentials and the plugin's secret settings; <see langword="null"/> for a marketplace-wide
/// connector, which the guard's <see cref="PluginGuard.Scrub"/> (the plugin's secret settings) covers.
/// </param>
internal class GuardedConnector(IMarketplaceConnector inner, string marketplace, ConnectorCapabilities capabilities, PluginGuard guard, Func<string, string>? scrub = null)
    : IMarketplaceConnector, IPluginComponent
{
    public string Marketplace => marketplace;

    public ConnectorCapabilities Capabilities => capabilities;

    public string PluginId => guard.PluginId;

    public string PluginVersion => guard.PluginVersion;

    internal IMarketplaceConnector Inner => inner;

    protected PluginGuard Guard => guard;

    /// <summary>Guards <paramref name="inner"/>; the result is also an <see cref="IOfferFeedSource"/> when <paramref name="inner"/> is one.</summary>
    public static GuardedConnector Create(IMarketplaceConnector inner, string marketplace, ConnectorCapabilities capabilities, PluginGuard guard, Func<string, string>? scrub = null) =>
        inner is IOfferFeedSource feed
            ? new GuardedFeedConnector(inner, feed, marketplace, capabilities, guard, scrub)
            : new GuardedConnector(inner, marketplace, capabilities, guard, scrub);

    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) =>
        guard.CallAsync("pull", token => inner.PullAsync(cursor, token), CheckPage, cancellationToken, Scrub);

    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
        guard.CallAsync("apply", async token => ScrubReasons(await inner.ApplyAsync(actions, token).ConfigureAwait(false)), CheckResults, cancellationToken, Scrub);

    /// <summary>Masks the secrets this connector knows in <paramref name="text"/> (see the <c>scrub</c> parameter).</summary>
    protected string Scrub(string text) => scrub is null ? guard.Scrub(text) : scrub(text);

    private IReadOnlyList<ActionResult> ScrubReasons(IReadOnlyList<ActionResult> results) =>
        results is null
            ? results!
            // A null result is left for CheckResults to refuse.
            : [.. results.Select(r => r is { Reason: { } reason } && Scrub(reason) is var clean && clean != reason ? r with { Reason = clean } : r!)];

    private static string? CheckPage(CatalogPage? page) =>
        page is null ? "returned no page (null)"
        : page.Skus is null || page.Campaigns is null ? "returned a page with a null list"
        : null;

    private static string? CheckResults(IReadOnlyList<ActionResult>? results) =>
        results is null ? "returned no results (null)"
        : results.Any(r => r is null || r.IdempotencyKey is null || !Enum.IsDefined(r.Status)) ? "returned a null or malformed result"
        : null;
}
