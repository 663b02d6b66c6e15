using Marketpilot.Plugins;

namespace Marketpilot.Host.Api;

/// <summary>The plugins route.</summary>
public static class PluginApi
{
    /// <summary>Maps <c>GET /plugins</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapPluginApi(this RouteGroupBuilder api)
    {
        api.MapGet("/plugins", (PluginCatalog catalog) => Results.Ok(catalog.Plugins))
            .WithSummary("List the plugins found in the plugins folder: id, version, kinds, status (loaded, failed or faulted), the reason if not loaded or faulted, and what each provides")
            .Produces<IReadOnlyList<PluginInfo>>()
            .AdminOnly();
        return api;
    }
}
