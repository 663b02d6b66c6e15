using Marketpilot.Actions.Connectors;
using Marketpilot.Host.Sync;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Api;

/// <summary>The shops route.</summary>
public static class ShopApi
{
    /// <summary>Maps <c>GET /shops</c> on <paramref name="api"/>: every configured shop for an admin key, a scoped key's own shops otherwise.</summary>
    public static RouteGroupBuilder MapShopApi(this RouteGroupBuilder api)
    {
        api.MapGet("/shops", (ConnectorDirectory directory, IOptions<SyncOptions> sync, ShopAccess access) =>
                Results.Ok(directory.Shops
                    .Where(s => access.CanSee(s.Definition.Marketplace, s.Definition.ShopId))
                    .Select(s => ShopView.Of(s, sync.Value.PollIntervalMilliseconds, sync.Value.Enabled)).ToList()))
            .WithSummary("List the configured shops: marketplace, shop id, serving plugin, status (ready or failed, with the reason), currency, time zone, settings, credential keys (values masked), capabilities, sync schedule and the shop's circuit breaker (open with the masked reason and until when, while its calls failed too often)")
            .Produces<IReadOnlyList<ShopView>>()
            .PerShop();
        return api;
    }
}
