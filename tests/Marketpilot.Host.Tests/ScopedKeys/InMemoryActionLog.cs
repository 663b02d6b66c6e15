using Marketpilot.Actions;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.Tests.ScopedKeys;

/// <summary>An action log in memory that queries as the SQLite log does: filters, newest first (then last logged first), pages of at most 1000.</summary>
internal sealed class InMemoryActionLog : IActionLog
{
    private static readonly DateTimeOffset Start = new(2026, 11, 20, 0, 0, 0, TimeSpan.Zero);

    private readonly List<ActionRecord> _records = [];

    public int Queries { get; private set; }

    public ActionRecord Add(string marketplace, string shopId, int minute)
    {
        var record = new ActionRecord(
            $"act-{_records.Count}", "min-margin", "v1", new SkuKey(marketplace, shopId, "A-1"), new SetPrice(100m), ActionStatus.Applied, null,
            Start.AddMinutes(minute), Start.AddMinutes(minute));
        _records.Add(record);
        return record;
    }

    public Task<ActionPage> QueryAsync(ActionQuery query, CancellationToken cancellationToken = default)
    {
        Queries++;
        var matching = _records
            .Select((record, logged) => (record, logged))
            .Where(r => (query.Marketplace is null || r.record.Sku.Marketplace == query.Marketplace) && (query.ShopId is null || r.record.Sku.ShopId == query.ShopId))
            .OrderByDescending(r => r.record.ProposedAt).ThenByDescending(r => r.logged)
            .Select(r => r.record)
            .ToList();
        var page = matching.Skip(query.Offset).Take(Math.Clamp(query.Limit, 1, 1000)).ToList();
        return Task.FromResult(new ActionPage(page, matching.Count, query.Offset, query.Limit));
    }

    public Task<int> AppendAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<ActionRecord?> GetAsync(string actionId, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<bool> RecordAttemptAsync(ActionRecord settled, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<IReadOnlyList<ActionRecord>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset leaseUntil, int limit, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public Task<int> ReleaseLeasesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> ReleaseOwnLeasesAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<OutboxDepth> GetOutboxDepthAsync(CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public Task<int> CountApprovedAsync(string ruleId, string marketplace, string shopId, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
