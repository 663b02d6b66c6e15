using System.Text.Json.Serialization;

namespace Marketpilot.Connectors.Wildberries.Wire;

// POST /content/v2/get/cards/list (02-items.yaml).
internal sealed record CardsListRequest(CardsListSettings Settings);

internal sealed record CardsListSettings(CardsSort Sort, CardsFilter Filter, CardsCursor Cursor);

internal sealed record CardsSort(bool Ascending);

internal sealed record CardsFilter(int WithPhoto);

internal sealed record CardsCursor(
    int Limit,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UpdatedAt = null,
    [property: JsonPropertyName("nmID"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? NmId = null);

internal sealed record CardsListResponse(IReadOnlyList<Card>? Cards, CardsListCursor? Cursor);

internal sealed record CardsListCursor(string? UpdatedAt, [property: JsonPropertyName("nmID")] long? NmId, int Total);

internal sealed record Card(
    [property: JsonPropertyName("nmID")] long NmId,
    string? VendorCode,
    string? Title,
    string? SubjectName,
    DateTimeOffset? CreatedAt,
    string? UpdatedAt);
