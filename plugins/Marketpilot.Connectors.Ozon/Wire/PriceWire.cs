namespace Marketpilot.Connectors.Ozon.Wire;

// POST /v1/product/import/prices (marketplace-apis.md §1.3): at most 1000 items, money as strings,
// HTTP 200 with a per-item outcome.

internal sealed record PriceImportRequest(IReadOnlyList<PriceImportItem> Prices);

internal sealed record PriceImportItem(string OfferId, string Price, string CurrencyCode);

internal sealed record PriceImportResponse(IReadOnlyList<PriceImportResult> Result);

internal sealed record PriceImportResult(long ProductId, string OfferId, bool Updated, IReadOnlyList<OzonItemError>? Errors);

internal sealed record OzonItemError(string? Code, string? Message);
