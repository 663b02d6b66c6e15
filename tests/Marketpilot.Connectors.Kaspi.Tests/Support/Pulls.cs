using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>Pulls the way the host's sync does: from a cursor, page after page, while HasMore.</summary>
public static class Pulls
{
    public static async Task<(List<SkuSnapshot> Skus, List<string?> Cursors)> AllAsync(IMarketplaceConnector connector, string? cursor = null)
    {
        var skus = new List<SkuSnapshot>();
        var cursors = new List<string?>();
        CatalogPage page;
        do
        {
            page = await connector.PullAsync(cursor, CancellationToken.None);
            skus.AddRange(page.Skus);
            cursors.Add(page.NextCursor);
            cursor = page.NextCursor;
        }
        while (page.HasMore);

        return (skus, cursors);
    }
}
