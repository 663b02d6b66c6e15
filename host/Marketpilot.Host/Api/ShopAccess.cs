using Marketpilot.Actions;
using Marketpilot.Actions.Undo;
using Marketpilot.Host.Hosting;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Api;

/// <summary>
/// The shops the caller of this request may see and change: the one place routes ask. <see cref="ApiKeyEndpointFilter"/>
/// admits the request's key before the route runs; until then (or on a route outside the filter) it sees no shop.
/// </summary>
/// <remarks>
/// What a scoped key may not see answers exactly as if it did not exist (404 with the route's own not-found answer),
/// so its answers never tell whether another shop or its data exists.
/// </remarks>
public sealed class ShopAccess
{
    private ApiKeyGrant? _grant;

    /// <summary>Whether the caller sees every shop (an admin key).</summary>
    public bool SeesEveryShop => _grant?.IsAdmin ?? false;

    /// <summary>The shops a scoped key sees; <see langword="null"/> for an admin key, which sees every shop.</summary>
    public IReadOnlyList<ShopRef>? Shops => SeesEveryShop ? null : _grant?.Shops ?? [];

    /// <summary>Whether the caller may see the shop.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <returns><see langword="true"/> when the request's key covers the shop.</returns>
    public bool CanSee(string marketplace, string shopId) => _grant?.CanSee(marketplace, shopId) ?? false;

    /// <summary>Whether the caller may see the SKU's shop.</summary>
    /// <param name="sku">The SKU.</param>
    /// <returns><see langword="true"/> when the request's key covers the SKU's shop.</returns>
    public bool CanSee(SkuKey sku) => CanSee(sku.Marketplace, sku.ShopId);

    /// <summary>
    /// Checks that every item of a batch is for a shop the caller sees; a batch that names another shop is refused whole,
    /// as the validator refuses a batch with one bad item.
    /// </summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The batch.</param>
    /// <param name="shopOf">The marketplace and shop of an item.</param>
    /// <returns>A 404 problem naming the first such item, or <see langword="null"/> when the caller sees every item's shop.</returns>
    public IResult? RefuseOtherShops<T>(IReadOnlyList<T> items, Func<T, (string Marketplace, string ShopId)> shopOf)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var (marketplace, shopId) = shopOf(items[i]);
            if (!CanSee(marketplace, shopId))
            {
                return Results.Problem(
                    statusCode: StatusCodes.Status404NotFound,
                    title: "Shop not found",
                    detail: $"Item [{i}] is for shop {marketplace}/{shopId}, which does not exist for this API key; nothing was recorded.");
            }
        }

        return null;
    }

    /// <summary>Undoes an action of a shop the caller sees; another shop's action answers as an unknown id does.</summary>
    /// <param name="undo">The undo service.</param>
    /// <param name="log">The action log, to find the action's shop.</param>
    /// <param name="actionId">The action.</param>
    /// <param name="cancellationToken">Stops waiting; what was queued stays queued.</param>
    /// <returns>What the undo did.</returns>
    public async Task<UndoOutcome> UndoAsync(ActionUndoService undo, IActionLog log, string actionId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(undo);
        ArgumentNullException.ThrowIfNull(log);
        return SeesEveryShop || await log.GetAsync(actionId, cancellationToken) is { } action && CanSee(action.Sku)
            ? await undo.UndoAsync(actionId, cancellationToken)
            : new UndoOutcome(UndoStatus.NotFound, [], $"no action has id '{actionId}'");
    }

    /// <summary>
    /// An emergency stop's reason as the caller may read it. The reason quotes KPIs measured over the SKUs of every shop
    /// the rule runs on, so a scoped key reads that the thresholds were crossed, not the other shops' figures.
    /// </summary>
    /// <param name="reason">The stop's reason.</param>
    /// <returns>The reason, or for a scoped key a sentence without figures.</returns>
    public string EmergencyReason(string reason) => SeesEveryShop
        ? reason
        : "its emergency thresholds were crossed over the SKUs of every shop it runs on; an admin key sees the figures";

    /// <summary>The answer for a shop the caller may not see.</summary>
    /// <param name="marketplace">The marketplace id the request named.</param>
    /// <param name="shopId">The shop id the request named.</param>
    /// <returns>A 404 problem.</returns>
    public static IResult ShopNotFound(string marketplace, string shopId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Shop not found", detail: $"No shop {marketplace}/{shopId} exists for this API key.");

    /// <summary>Admits the request's key; called once, by <see cref="ApiKeyEndpointFilter"/>.</summary>
    /// <param name="grant">What the key grants.</param>
    internal void Admit(ApiKeyGrant grant) => _grant = grant;
}
