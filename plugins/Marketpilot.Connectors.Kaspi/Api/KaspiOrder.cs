namespace Marketpilot.Connectors.Kaspi.Api;

/// <summary>One order as the connector counts it: when it was created, its status, and its entries.</summary>
internal sealed record KaspiOrder(string Id, DateTimeOffset CreatedAt, string Status, IReadOnlyList<KaspiOrderEntry> Entries)
{
    /// <summary>Statuses that mean the buyer sent the goods back (or asked Kaspi Delivery to).</summary>
    public static readonly IReadOnlySet<string> ReturnStatuses = new HashSet<string>(StringComparer.Ordinal)
    {
        "RETURNED", "RETURN_ACCEPTED_BY_MERCHANT", "KASPI_DELIVERY_RETURN_REQUESTED",
    };

    public bool IsReturned => ReturnStatuses.Contains(Status);

    /// <summary>Joins each order with its <c>orderentries</c> from <c>included</c>.</summary>
    /// <exception cref="KaspiApiException">An order names an entry the document does not include.</exception>
    public static IEnumerable<KaspiOrder> FromDocument(OrdersDocument document)
    {
        var entries = (document.Included ?? [])
            .Where(r => r.Type == "orderentries" && r.Attributes is not null)
            .GroupBy(r => r.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Attributes!, StringComparer.Ordinal);
        foreach (var order in document.Data)
        {
            var ids = order.Relationships?.Entries?.Data ?? [];
            var lines = new List<KaspiOrderEntry>(ids.Count);
            foreach (var id in ids)
            {
                if (!entries.TryGetValue(id.Id, out var entry))
                {
                    throw new KaspiApiException($"Kaspi's orders document names entry '{id.Id}' of order {order.Attributes.Code} but does not include it (include[orders]=entries).");
                }

                lines.Add(new KaspiOrderEntry(entry.Offer.Code, entry.Offer.Name, entry.Quantity, entry.BasePrice));
            }

            yield return new KaspiOrder(order.Id, DateTimeOffset.FromUnixTimeMilliseconds(order.Attributes.CreationDate), order.Attributes.Status, lines);
        }
    }
}

/// <summary>One line of an order: the seller's SKU (<c>offer.code</c>), units, and the unit price in tenge.</summary>
internal sealed record KaspiOrderEntry(string Sku, string? Name, int Quantity, decimal BasePrice);
