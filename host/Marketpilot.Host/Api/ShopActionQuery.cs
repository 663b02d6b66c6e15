using Marketpilot.Actions;
using Marketpilot.Host.Hosting;

namespace Marketpilot.Host.Api;

/// <summary>Reads the action log limited to some shops, newest first, with the log's own paging.</summary>
public static class ShopActionQuery
{
    // The log pages at most this many records per read; a deeper page is read through in steps of it.
    private const int ReadSize = 1000;

    /// <summary>Reads one page of the actions of <paramref name="shops"/> that match <paramref name="query"/>.</summary>
    /// <param name="log">The action log.</param>
    /// <param name="query">The filter and page, newest first; its own shop filter is replaced.</param>
    /// <param name="shops">The shops; <see langword="null"/> for every shop.</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The page; its total counts the matching actions of those shops.</returns>
    /// <remarks>
    /// The log filters one shop at a time, so several shops are merged here: each shop's records come in the log's
    /// order, and records of different shops in proposal time, newest first (ties in the order the shops are listed).
    /// </remarks>
    public static async Task<ActionPage> QueryAsync(IActionLog log, ActionQuery query, IReadOnlyList<ShopRef>? shops, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(query);
        if (shops is null)
        {
            return await log.QueryAsync(query, cancellationToken);
        }

        if (shops.Count == 1)
        {
            return await log.QueryAsync(query with { Marketplace = shops[0].Marketplace, ShopId = shops[0].ShopId }, cancellationToken);
        }

        var step = (int)Math.Clamp((long)query.Offset + query.Limit, 1, ReadSize);
        var streams = new List<ShopStream>(shops.Count);
        foreach (var shop in shops)
        {
            streams.Add(await ShopStream.OpenAsync(log, query with { Marketplace = shop.Marketplace, ShopId = shop.ShopId, Offset = 0, Limit = step }, cancellationToken));
        }

        var items = new List<ActionRecord>(Math.Min(query.Limit, ReadSize));
        for (long taken = 0; taken < (long)query.Offset + query.Limit; taken++)
        {
            ShopStream? newest = null;
            foreach (var stream in streams)
            {
                if (await stream.PeekAsync(cancellationToken) is { } head && (newest?.Head is not { } best || head.ProposedAt > best.ProposedAt))
                {
                    newest = stream;
                }
            }

            if (newest is null)
            {
                break;
            }

            var next = newest.Take();
            if (taken >= query.Offset)
            {
                items.Add(next);
            }
        }

        return new ActionPage(items, streams.Sum(s => s.Total), query.Offset, query.Limit);
    }

    /// <summary>One shop's records in the log's order, read a page at a time.</summary>
    private sealed class ShopStream
    {
        private readonly IActionLog _log;
        private ActionQuery _next;
        private IReadOnlyList<ActionRecord> _page;
        private int _position;
        private bool _last;

        private ShopStream(IActionLog log, ActionQuery first, ActionPage page)
        {
            _log = log;
            _page = page.Items;
            _next = first with { Offset = first.Offset + page.Items.Count };
            _last = page.Items.Count < first.Limit;
            Total = page.Total;
        }

        public long Total { get; }

        public ActionRecord? Head => _position < _page.Count ? _page[_position] : null;

        public static async Task<ShopStream> OpenAsync(IActionLog log, ActionQuery first, CancellationToken cancellationToken) =>
            new(log, first, await log.QueryAsync(first, cancellationToken));

        public async Task<ActionRecord?> PeekAsync(CancellationToken cancellationToken)
        {
            if (Head is null && !_last)
            {
                var page = await _log.QueryAsync(_next, cancellationToken);
                _page = page.Items;
                _position = 0;
                _last = page.Items.Count < _next.Limit;
                _next = _next with { Offset = _next.Offset + page.Items.Count };
            }

            return Head;
        }

        public ActionRecord Take() => _page[_position++];
    }
}
