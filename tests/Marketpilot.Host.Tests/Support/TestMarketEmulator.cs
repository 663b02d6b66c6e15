using System.Collections.Concurrent;
using Marketpilot.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// The marketplace of the ShopFactory test plugin (the connector template's code): <c>GET products</c> and
/// <c>POST prices</c> with the shop's key in <c>X-Api-Key</c>; a price key applied once is answered applied again
/// without changing anything.
/// </summary>
public sealed class TestMarketEmulator(string apiKey) : LoopbackEmulator
{
    private readonly ConcurrentDictionary<string, decimal> _prices = new(StringComparer.Ordinal) { ["sku-1"] = 100m, ["sku-2"] = 250.5m };
    private readonly ConcurrentDictionary<string, byte> _appliedKeys = new(StringComparer.Ordinal);

    public int Requests => _requests;

    public IReadOnlyCollection<string> AppliedKeys => [.. _appliedKeys.Keys];

    private int _requests;

    protected override void MapRoutes(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Interlocked.Increment(ref _requests);
            if (context.Request.Headers["X-Api-Key"] != apiKey)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/products", () => _prices.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new { sku = p.Key, title = p.Key, price = p.Value, stock = 5 }));
        app.MapPost("/prices", (List<PriceChange> changes) => changes.Select(Apply));
    }

    private object Apply(PriceChange change)
    {
        if (!_prices.ContainsKey(change.Sku))
        {
            return new { key = change.Key, applied = false, reason = $"unknown SKU '{change.Sku}'" };
        }

        if (_appliedKeys.TryAdd(change.Key, 0))
        {
            _prices[change.Sku] = change.Price;
        }

        return new { key = change.Key, applied = true, reason = (string?)null };
    }

    public sealed record PriceChange(string Key, string Sku, decimal Price);
}
