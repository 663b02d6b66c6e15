namespace Marketpilot.Connectors.Kaspi.Feed;

/// <summary>
/// The prices price actions recorded for one shop, kept in <c>prices.jsonl</c> in its state folder and replayed at
/// start, and the feeds built from them: which recorded price each feed carried and which feeds reached Kaspi.
/// </summary>
/// <remarks>
/// <para>
/// The newest recorded price of a SKU overlays the host's snapshot price in every feed, until the host's snapshot
/// shows a price that is neither the one seen when the recorded price first went out nor the recorded price itself:
/// then the seller's own catalog set a new price since, and it wins (the recorded price is retired).
/// </para>
/// <para>
/// When a feed is delivered, each recorded price it carried that was still pending is delivered (its action applied),
/// and every older pending price of the same SKU is superseded: Kaspi went from the old price straight to the newer one.
/// </para>
/// <para>Not thread-safe: the connector calls it under its lock.</para>
/// </remarks>
internal sealed class PriceBook : IDisposable
{
    public const string FileName = "prices.jsonl";

    /// <summary>Built feeds whose delivery is still awaited; an older one reported delivered afterwards is ignored.</summary>
    private const int MaxAwaitedFeeds = 32;

    private readonly DurableJsonLines<PriceLedgerEntry> _file;
    private readonly Dictionary<string, RecordedPrice> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<long, RecordedPrice> _bySeq = [];
    private readonly Dictionary<string, RecordedPrice> _newestBySku = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<RecordedPrice>> _pendingBySku = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<long>> _awaited = new(StringComparer.Ordinal);
    private readonly Queue<string> _awaitedOrder = new();
    private long _lastSeq;

    public PriceBook(string stateDirectory)
    {
        _file = DurableJsonLines<PriceLedgerEntry>.Open(Path.Combine(stateDirectory, FileName), out var lines);
        foreach (var line in lines)
        {
            Replay(line);
        }
    }

    public RecordedPrice? Find(string key) => _byKey.GetValueOrDefault(key);

    /// <summary>The recorded price the next feed carries for <paramref name="sku"/>, unless the seller's price retires it.</summary>
    public RecordedPrice? Overlay(string sku) => _newestBySku.TryGetValue(sku, out var newest) && !newest.Retired ? newest : null;

    /// <summary>Records a price (whole tenge) under <paramref name="key"/> and flushes it to disk before returning.</summary>
    public RecordedPrice Record(string key, string sku, decimal price, DateTimeOffset at)
    {
        var line = new PriceRecorded(at, _lastSeq + 1, key, sku, price);
        _file.Append(line);
        Replay(line);
        return _byKey[key];
    }

    /// <summary>Writes down a built feed: the recorded prices it carried, first snapshot prices, and retired prices.</summary>
    public void Built(FeedBuilt feed)
    {
        _file.Append(feed);
        Replay(feed);
    }

    /// <summary>Marks the prices a delivered feed carried as delivered.</summary>
    /// <returns>How many actions became applied; -1 when <paramref name="version"/> is not an awaited feed.</returns>
    public int Delivered(string version, DateTimeOffset at)
    {
        if (!_awaited.ContainsKey(version))
        {
            return -1;
        }

        var before = _bySeq.Values.Count(p => p.State == RecordedPriceState.Delivered);
        var line = new FeedDelivered(at, version);
        _file.Append(line);
        Replay(line);
        return _bySeq.Values.Count(p => p.State == RecordedPriceState.Delivered) - before;
    }

    public void Dispose() => _file.Dispose();

    private void Replay(PriceLedgerEntry line)
    {
        switch (line)
        {
            case PriceRecorded recorded:
                var price = new RecordedPrice(recorded.Seq, recorded.Key, recorded.Sku, recorded.Price, recorded.At);
                _byKey[price.Key] = price;
                _bySeq[price.Seq] = price;
                _newestBySku[price.Sku] = price;
                Pending(price.Sku).Add(price);
                _lastSeq = Math.Max(_lastSeq, price.Seq);
                break;
            case FeedBuilt built:
                foreach (var (seq, basePrice) in built.Bases)
                {
                    Recorded(seq).BasePrice = basePrice;
                }

                foreach (var (seq, sellerPrice) in built.Retired)
                {
                    Retire(Recorded(seq), sellerPrice);
                }

                Await(built.Version, built.Carried);
                break;
            case FeedDelivered delivered when _awaited.Remove(delivered.Version, out var carried):
                foreach (var seq in carried)
                {
                    Deliver(Recorded(seq));
                }

                break;
        }
    }

    private RecordedPrice Recorded(long seq) => _bySeq.TryGetValue(seq, out var price)
        ? price
        : throw new InvalidDataException($"{_file.Path} names recorded price {seq}, which it never recorded; the file was changed by hand or is damaged. Move it away to start over.");

    private void Retire(RecordedPrice price, decimal sellerPrice)
    {
        price.Retired = true;
        if (price.State == RecordedPriceState.Pending)
        {
            price.State = RecordedPriceState.OverriddenBySeller;
            price.ReplacedBy = WholeTenge.Format(sellerPrice);
            Pending(price.Sku).Remove(price);
        }
    }

    private void Deliver(RecordedPrice price)
    {
        if (price.State != RecordedPriceState.Pending)
        {
            return;
        }

        price.State = RecordedPriceState.Delivered;
        var pending = Pending(price.Sku);
        pending.Remove(price);
        foreach (var older in pending.Where(p => p.Seq < price.Seq).ToList())
        {
            older.State = RecordedPriceState.Superseded;
            older.ReplacedBy = price.Key;
            pending.Remove(older);
        }
    }

    private void Await(string version, IReadOnlyList<long> carried)
    {
        _awaited[version] = carried;
        _awaitedOrder.Enqueue(version);
        while (_awaitedOrder.Count > MaxAwaitedFeeds)
        {
            _awaited.Remove(_awaitedOrder.Dequeue());
        }
    }

    private List<RecordedPrice> Pending(string sku)
    {
        if (!_pendingBySku.TryGetValue(sku, out var list))
        {
            list = [];
            _pendingBySku[sku] = list;
        }

        return list;
    }
}
