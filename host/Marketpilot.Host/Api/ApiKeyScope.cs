namespace Marketpilot.Host.Api;

/// <summary>Who may call an <c>/api</c> route: the decision every route declares, read by <see cref="ApiKeyEndpointFilter"/>.</summary>
public enum ApiKeyScope
{
    /// <summary>
    /// A per-shop route: every key may call it, and the route shows a scoped key only its shops
    /// (<see cref="ShopAccess"/>); another shop's data is a 404, as if it did not exist.
    /// </summary>
    Shop,

    /// <summary>A route about the whole host (kill switch, rules, plugins): only admin keys; a scoped key gets 403.</summary>
    Admin,
}
