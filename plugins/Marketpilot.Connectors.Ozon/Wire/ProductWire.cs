namespace Marketpilot.Connectors.Ozon.Wire;

// Seller API product reads (marketplace-apis.md §1.3): /v3/product/list, /v3/product/info/list,
// /v5/product/info/prices, /v4/product/info/stocks. Only the fields the connector uses.

internal sealed record ProductListRequest(ProductListFilter Filter, string LastId, int Limit);

internal sealed record ProductListFilter(string Visibility);

internal sealed record ProductListResponse(ProductListResult Result);

internal sealed record ProductListResult(IReadOnlyList<ProductListItem> Items, long Total, string? LastId);

internal sealed record ProductListItem(long ProductId, string OfferId, bool Archived);

/// <summary>One id kind per call, at most 1000 ids; ids are strings in filters.</summary>
internal sealed record ProductInfoRequest(IReadOnlyList<string>? OfferId = null, IReadOnlyList<string>? ProductId = null, IReadOnlyList<string>? Sku = null);

internal sealed record ProductInfoResponse(IReadOnlyList<ProductInfo> Items);

/// <summary>Prices are strings here (decimal text, dot separator).</summary>
internal sealed record ProductInfo(
    long Id, string OfferId, long Sku, string? Name, string? Price, string? MinPrice, string? CurrencyCode,
    ProductStatuses? Statuses, bool IsArchived, DateTimeOffset? CreatedAt);

internal sealed record ProductStatuses(string? Status);

internal sealed record IdFilter(IReadOnlyList<string> ProductId, string Visibility = "ALL");

internal sealed record CursorPageRequest(string Cursor, IdFilter Filter, int Limit);

internal sealed record PriceListResponse(string? Cursor, IReadOnlyList<PriceItem> Items);

internal sealed record PriceItem(long ProductId, string OfferId, PriceDetails Price);

/// <summary>Numbers on the wire; read straight into <see cref="decimal"/>, never through a double.</summary>
internal sealed record PriceDetails(decimal Price, decimal MinPrice, decimal NetPrice, string? CurrencyCode);

internal sealed record StockListResponse(string? Cursor, IReadOnlyList<StockItem> Items);

internal sealed record StockItem(long ProductId, string OfferId, IReadOnlyList<StockEntry> Stocks);

internal sealed record StockEntry(string? Type, long Present, long Reserved);
