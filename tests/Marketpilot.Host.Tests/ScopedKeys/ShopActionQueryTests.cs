extern alias host;

using host::Marketpilot.Host.Api;
using host::Marketpilot.Host.Hosting;
using Marketpilot.Actions;

namespace Marketpilot.Host.Tests.ScopedKeys;

public sealed class ShopActionQueryTests
{
    private static readonly ShopRef X = new("ozon", "x");
    private static readonly ShopRef Y = new("wildberries", "y");

    private readonly InMemoryActionLog _log = new();

    [Fact]
    public async Task SeveralShopsAreMergedNewestFirstLeavingOtherShopsOut()
    {
        var x0 = _log.Add("ozon", "x", 0);
        var y1 = _log.Add("wildberries", "y", 1);
        var x2 = _log.Add("ozon", "x", 2);
        _log.Add("ozon", "other", 3);
        var y4 = _log.Add("wildberries", "y", 4);

        var page = await ShopActionQuery.QueryAsync(_log, new ActionQuery(), [X, Y], CancellationToken.None);

        Assert.Equal([y4, x2, y1, x0], page.Items);
        Assert.Equal(4, page.Total);
    }

    [Fact]
    public async Task EqualTimesKeepEachShopsOrderAndTheShopsOrder()
    {
        var x1 = _log.Add("ozon", "x", 5);
        var y1 = _log.Add("wildberries", "y", 5);
        var x2 = _log.Add("ozon", "x", 5);

        var page = await ShopActionQuery.QueryAsync(_log, new ActionQuery(), [X, Y], CancellationToken.None);

        Assert.Equal([x2, x1, y1], page.Items);
    }

    [Fact]
    public async Task PagesOfTheMergeAddUpToTheWholeMerge()
    {
        for (var minute = 0; minute < 30; minute++)
        {
            _log.Add(minute % 3 == 0 ? "ozon" : "wildberries", minute % 3 == 0 ? "x" : "y", minute / 2);
        }

        var whole = await ShopActionQuery.QueryAsync(_log, new ActionQuery(Limit: 1000), [X, Y], CancellationToken.None);
        var paged = new List<ActionRecord>();
        for (var offset = 0; offset < 35; offset += 7)
        {
            paged.AddRange((await ShopActionQuery.QueryAsync(_log, new ActionQuery(Offset: offset, Limit: 7), [X, Y], CancellationToken.None)).Items);
        }

        Assert.Equal(30, whole.Items.Count);
        Assert.Equal(whole.Items, paged);
    }

    [Fact]
    public async Task APageDeeperThanOneReadOfTheLogIsReadThrough()
    {
        for (var minute = 0; minute < 3000; minute++)
        {
            _log.Add(minute % 2 == 0 ? "ozon" : "wildberries", minute % 2 == 0 ? "x" : "y", minute);
        }

        var page = await ShopActionQuery.QueryAsync(_log, new ActionQuery(Offset: 2100, Limit: 300), [X, Y], CancellationToken.None);

        Assert.Equal(3000, page.Total);
        Assert.Equal(Enumerable.Range(0, 300).Select(i => $"act-{2999 - 2100 - i}"), page.Items.Select(a => a.ActionId));
    }

    [Fact]
    public async Task OneShopIsOneQueryOfTheLogAndEveryShopIsTheQueryAsItIs()
    {
        _log.Add("ozon", "x", 0);
        _log.Add("wildberries", "y", 1);

        var one = await ShopActionQuery.QueryAsync(_log, new ActionQuery(), [Y], CancellationToken.None);
        var every = await ShopActionQuery.QueryAsync(_log, new ActionQuery(), null, CancellationToken.None);

        Assert.Equal(["act-1"], one.Items.Select(a => a.ActionId));
        Assert.Equal(["act-1", "act-0"], every.Items.Select(a => a.ActionId));
        Assert.Equal(2, _log.Queries);
    }
}
