namespace Marketpilot.Connectors.Wildberries.Wire;

// Sales funnel (11-analytics.yaml) and supplier sales (12-reports.yaml).
internal sealed record FunnelRequest(DatePeriod SelectedPeriod, DatePeriod PastPeriod, IReadOnlyList<long> NmIds, bool SkipDeletedNm, int Limit, int Offset);

internal sealed record DatePeriod(string Start, string End);

internal sealed record FunnelResponse(FunnelData? Data);

internal sealed record FunnelData(IReadOnlyList<FunnelProduct>? Products);

internal sealed record FunnelProduct(FunnelItem Product, FunnelStatistics Statistic);

internal sealed record FunnelItem(long NmId, FunnelStocks? Stocks);

internal sealed record FunnelStocks(long Wb, long Mp);

internal sealed record FunnelStatistics(FunnelStatistic Selected, FunnelStatistic? Past);

internal sealed record FunnelStatistic(long OpenCount, long CartCount, long OrderCount, double AvgOrdersCountPerDay);

internal sealed record SaleRow(string? Date, long NmId, string? SaleId);
