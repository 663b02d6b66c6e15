using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Sdk.Events;

/// <summary>
/// Something that happened on a marketplace, as a connector (<see cref="Connectors.CatalogPage.Events"/>) or
/// <c>POST /api/v1/events</c> reports it. Rules with <c>@triggers: event(kind)</c> run on it and see it as
/// <see cref="Rules.RuleGlobals.Event"/>.
/// </summary>
/// <param name="Id">
/// The vendor's unique id of the event, at most 200 characters. The same event reported twice must carry the same id:
/// the host derives the ids of the actions it causes from it, so a repeated event proposes nothing new.
/// </param>
/// <param name="Kind">What happened.</param>
/// <param name="OccurredAt">When it happened, on the marketplace's clock.</param>
/// <param name="Sku">The SKU it is about; required for every kind but <see cref="MarketplaceEventKind.CampaignStatsUpdated"/>.</param>
/// <param name="Campaign">The campaign it is about; required for <see cref="MarketplaceEventKind.CampaignStatsUpdated"/>, ignored otherwise.</param>
/// <param name="ShopperId">
/// An opaque id of the shopper for <see cref="MarketplaceEventKind.View"/> (required) and
/// <see cref="MarketplaceEventKind.OrderPlaced"/> (optional; lets the host tell a view that led to an order). Never a name,
/// e-mail or phone number.
/// </param>
/// <param name="Quantity">Units ordered or returned (at least 1) for <see cref="MarketplaceEventKind.OrderPlaced"/> and <see cref="MarketplaceEventKind.Return"/>; 0 for the other kinds.</param>
public sealed record MarketplaceEvent(
    string Id,
    MarketplaceEventKind Kind,
    DateTimeOffset OccurredAt,
    SkuKey? Sku = null,
    CampaignKey? Campaign = null,
    string? ShopperId = null,
    int Quantity = 0);
