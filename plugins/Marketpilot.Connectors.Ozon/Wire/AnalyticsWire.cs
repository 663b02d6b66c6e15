namespace Marketpilot.Connectors.Ozon.Wire;

// POST /v1/analytics/data (marketplace-apis.md §1.3): once a minute, metric values positional in request order.

internal sealed record AnalyticsRequest(
    string DateFrom, string DateTo, IReadOnlyList<string> Dimension, IReadOnlyList<string> Metrics, IReadOnlyList<object> Filters, int Limit, int Offset);

internal sealed record AnalyticsResponse(AnalyticsResult Result);

internal sealed record AnalyticsResult(IReadOnlyList<AnalyticsRow> Data);

internal sealed record AnalyticsRow(IReadOnlyList<AnalyticsDimension> Dimensions, IReadOnlyList<decimal> Metrics);

internal sealed record AnalyticsDimension(string Id, string? Name);
