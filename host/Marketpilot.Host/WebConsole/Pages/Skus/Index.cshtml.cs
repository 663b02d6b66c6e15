using Marketpilot.Grains.Skus;
using Marketpilot.Host.Catalog;
using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Host.WebConsole.Pages.Skus;

/// <summary>The SKUs of the shops the key sees, a page at a time, with price, stock, margin and the week's orders.</summary>
public sealed class IndexModel(StoredSkus skus) : ConsolePage
{
    /// <summary>SKUs per page.</summary>
    public const int PageSize = 50;

    /// <summary>The page shown, from 0.</summary>
    public int PageNumber { get; private set; }

    /// <summary>How many SKUs match.</summary>
    public int Total { get; private set; }

    /// <summary>What the search box holds: part of a SKU id or name.</summary>
    public string? Search { get; private set; }

    /// <summary>The SKUs on this page.</summary>
    public IReadOnlyList<SkuView> Items { get; private set; } = [];

    /// <summary>Lists a page of SKUs; only keys are listed, views are read for the page shown.</summary>
    public async Task OnGetAsync(int p, string? q, CancellationToken cancellationToken)
    {
        Search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
        var keys = await skus.ListAsync(k => Access.CanSee(k) && (Search is null || k.Sku.Contains(Search, StringComparison.OrdinalIgnoreCase)), cancellationToken);
        Total = keys.Count;
        PageNumber = Math.Clamp(p, 0, Math.Max(0, (Total - 1) / PageSize));
        Items = await skus.ReadAsync([.. keys.Skip(PageNumber * PageSize).Take(PageSize)], cancellationToken);
    }

    /// <summary>The SKU page's address.</summary>
    public static string LinkOf(SkuKey key) =>
        $"/console/skus/{Uri.EscapeDataString(key.Marketplace)}/{Uri.EscapeDataString(key.ShopId)}/{Uri.EscapeDataString(key.Sku)}";
}
