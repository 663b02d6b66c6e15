using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Wildberries.Wire;

// Promotions calendar (08-promotion.yaml, host dp-calendar-api).
internal sealed record PromotionsResponse(PromotionsData? Data);

internal sealed record PromotionsData(IReadOnlyList<Promotion>? Promotions);

internal sealed record Promotion(long Id, string? Name, DateTimeOffset StartDateTime, DateTimeOffset EndDateTime, string? Type);

internal sealed record NomenclaturesResponse(NomenclaturesData? Data);

internal sealed record NomenclaturesData(IReadOnlyList<Nomenclature>? Nomenclatures);

internal sealed record Nomenclature(long Id, bool InAction);

internal sealed record PromotionUploadRequest(PromotionUpload Data);

internal sealed record PromotionUpload([property: JsonPropertyName("promotionID")] long PromotionId, bool UploadNow, IReadOnlyList<long> Nomenclatures);

internal sealed record PromotionUploadResponse(PromotionUploadAccepted? Data);

internal sealed record PromotionUploadAccepted(bool AlreadyExists, [property: JsonPropertyName("uploadID")] long UploadId);
