using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Kaspi.Api;

// The JSON:API shapes of GET /v2/orders?include[orders]=entries that the connector reads (marketplace-apis.md §3.2).
// Only the fields it uses are declared; the deserializer requires them, so a body without one fails with its path.

internal sealed record OrdersDocument(
    [property: JsonPropertyName("data")] IReadOnlyList<OrderResource> Data,
    [property: JsonPropertyName("included")] IReadOnlyList<IncludedResource>? Included,
    [property: JsonPropertyName("meta")] PageMeta Meta);

internal sealed record OrderResource(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("attributes")] OrderAttributes Attributes,
    [property: JsonPropertyName("relationships")] OrderRelationships? Relationships);

internal sealed record OrderAttributes(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("creationDate")] long CreationDate,
    [property: JsonPropertyName("state")] string State,
    [property: JsonPropertyName("status")] string Status);

internal sealed record OrderRelationships(
    [property: JsonPropertyName("entries")] ToManyRelationship? Entries);

internal sealed record ToManyRelationship(
    [property: JsonPropertyName("data")] IReadOnlyList<ResourceIdentifier>? Data);

internal sealed record ResourceIdentifier(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id);

internal sealed record IncludedResource(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("attributes")] OrderEntryAttributes? Attributes);

/// <summary>An <c>orderentries</c> resource; money arrives as JSON numbers (<c>1000.0</c>) and is read as decimal.</summary>
internal sealed record OrderEntryAttributes(
    [property: JsonPropertyName("quantity")] int Quantity,
    [property: JsonPropertyName("basePrice")] decimal BasePrice,
    [property: JsonPropertyName("offer")] OfferReference Offer);

internal sealed record OfferReference(
    [property: JsonPropertyName("code")] string Code,
    [property: JsonPropertyName("name")] string? Name);

internal sealed record PageMeta(
    [property: JsonPropertyName("pageCount")] int PageCount,
    [property: JsonPropertyName("totalCount")] int TotalCount);
