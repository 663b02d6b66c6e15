using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Wildberries.Wire;

// Prices and discounts (02-items.yaml): read by articles, upload, upload history.
internal sealed record GoodsFilterRequest(IReadOnlyList<long> NmList);

internal sealed record GoodsFilterResponse(GoodsList? Data);

internal sealed record GoodsList(IReadOnlyList<Goods>? ListGoods);

internal sealed record Goods([property: JsonPropertyName("nmID")] long NmId, int Discount, bool EditableSizePrice, IReadOnlyList<GoodsSize>? Sizes);

internal sealed record GoodsSize([property: JsonPropertyName("sizeID")] long SizeId, decimal Price, decimal DiscountedPrice);

/// <summary>One item of an upload: WB wants whole currency units and a whole discount percentage.</summary>
internal sealed record PriceUploadItem([property: JsonPropertyName("nmID")] long NmId, long Price, int Discount);

internal sealed record PriceUploadRequest(IReadOnlyList<PriceUploadItem> Data);

internal sealed record UploadResponse(UploadAccepted? Data, bool Error, string? ErrorText);

internal sealed record UploadAccepted(long Id, bool AlreadyExists);

internal sealed record UploadStateResponse(UploadState? Data);

internal sealed record UploadState([property: JsonPropertyName("uploadID")] long UploadId, int Status);

internal sealed record UploadGoodsResponse(UploadGoods? Data);

internal sealed record UploadGoods([property: JsonPropertyName("uploadID")] long UploadId, IReadOnlyList<UploadGood>? HistoryGoods);

internal sealed record UploadGood([property: JsonPropertyName("nmID")] long NmId, int Status, string? ErrorText);
