using System.Text.Json;
using Marketpilot.Actions;
using Marketpilot.Grains;
using Marketpilot.Grains.Skus;
using Marketpilot.Host.Api;
using Marketpilot.Sdk.Catalog;
using Microsoft.AspNetCore.Mvc;

namespace Marketpilot.Host.WebConsole.Pages.Skus;

/// <summary>One SKU: price, cost, margin, stock, orders and conversion over time, with every action on the timeline.</summary>
public sealed class DetailModel(IGrainFactory grains, IActionLog log) : ConsolePage
{
    /// <summary>The SKU's view.</summary>
    public SkuView? Sku { get; private set; }

    /// <summary>The SKU's actions, newest first (the last 500).</summary>
    public IReadOnlyList<ActionRecord> Actions { get; private set; } = [];

    /// <summary>What the charts draw, as JSON for the page's script.</summary>
    public string ChartJson { get; private set; } = "{}";

    /// <summary>Reads the SKU; another shop's SKU is not found, as in the API.</summary>
    public async Task<IActionResult> OnGetAsync(string marketplace, string shopId, string sku, CancellationToken cancellationToken)
    {
        var key = new SkuKey(marketplace, shopId, sku);
        Sku = Access.CanSee(key) ? await grains.GetGrain<ISkuGrain>(GrainKeys.For(key)).GetAsync() : null;
        if (Sku is null)
        {
            return NotFound();
        }

        var page = await ShopActionQuery.QueryAsync(log, new ActionQuery(Sku: sku, Marketplace: marketplace, ShopId: shopId, Limit: 500), Access.Shops, cancellationToken);
        Actions = page.Items;
        ChartJson = JsonSerializer.Serialize(SkuChart.Of(Sku, Actions));
        return Page();
    }
}
