using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MyCompany.Connectors.Acme.Tests;

/// <summary>
/// A tiny emulator of the marketplace API the connector calls, on a free loopback port: two products, <c>GET products</c>
/// and <c>POST prices</c> (a key applied once is answered applied again without changing anything), 401 without the key.
/// Grow it with the endpoints your connector uses and the faults your marketplace produces (429, 5xx, timeouts).
/// </summary>
public sealed class MarketplaceEmulator(string apiKey) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, decimal> _prices = new() { ["A-1"] = 1990m, ["B-1"] = 490m };
    private readonly ConcurrentDictionary<string, byte> _appliedKeys = new();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    public decimal PriceOf(string sku) => _prices[sku];

    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers["X-Api-Key"] != apiKey)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }

            await next(context);
        });
        app.MapGet("/products", () => _prices.OrderBy(p => p.Key).Select(p => new { sku = p.Key, title = $"Product {p.Key}", price = p.Value, stock = 10 }));
        app.MapPost("/prices", (List<PriceChange> changes) => changes.Select(Apply));
        await app.StartAsync();
        BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        _app = app;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private object Apply(PriceChange change)
    {
        if (!_prices.ContainsKey(change.Sku))
        {
            return new { key = change.Key, applied = false, reason = $"unknown product '{change.Sku}'" };
        }

        if (_appliedKeys.TryAdd(change.Key, 0))
        {
            _prices[change.Sku] = change.Price;
        }

        return new { key = change.Key, applied = true };
    }

    public sealed record PriceChange(string Key, string Sku, decimal Price);
}
