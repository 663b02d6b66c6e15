using System.Text.Json.Nodes;

namespace Marketpilot.Emulators.Kaspi;

/// <summary>Writes a page of orders as Kaspi's JSON:API document with <c>include[orders]=entries</c> (marketplace-apis.md §3.2).</summary>
internal static class KaspiOrdersDocument
{
    public static string Write(IReadOnlyList<KaspiEmulatorOrder> page, int total, int size, Uri apiBase)
    {
        var data = new JsonArray();
        var included = new JsonArray();
        foreach (var order in page)
        {
            var entryIds = new JsonArray();
            for (var i = 0; i < order.Entries.Count; i++)
            {
                var entry = order.Entries[i];
                var entryId = $"{order.Id}#{i + 1}";
                entryIds.Add(new JsonObject { ["type"] = "orderentries", ["id"] = entryId });
                included.Add(new JsonObject
                {
                    ["type"] = "orderentries",
                    ["id"] = entryId,
                    ["attributes"] = new JsonObject
                    {
                        ["entryNumber"] = i + 1,
                        ["quantity"] = entry.Quantity,
                        ["basePrice"] = Money(entry.BasePrice),
                        ["totalPrice"] = Money(entry.BasePrice * entry.Quantity),
                        ["deliveryCost"] = Money(0),
                        ["weight"] = Money(0),
                        ["unitType"] = "PIECES",
                        ["isImeiRequired"] = false,
                        ["offer"] = new JsonObject { ["code"] = entry.Sku, ["name"] = entry.Name },
                        ["category"] = new JsonObject { ["code"] = "Master - Emulated", ["title"] = "Emulated" },
                    },
                });
            }

            data.Add(new JsonObject
            {
                ["type"] = "orders",
                ["id"] = order.Id,
                ["attributes"] = new JsonObject
                {
                    ["code"] = order.Code,
                    ["totalPrice"] = Money(order.Entries.Sum(e => e.BasePrice * e.Quantity)),
                    ["paymentMode"] = "PAY_WITH_CREDIT",
                    ["creationDate"] = order.CreatedAt.ToUnixTimeMilliseconds(),
                    ["state"] = order.State,
                    ["status"] = order.Status,
                    ["deliveryMode"] = "DELIVERY_PICKUP",
                    ["isKaspiDelivery"] = false,
                    ["signatureRequired"] = false,
                    ["preOrder"] = false,
                    ["cancellationReason"] = order.Status == "CANCELLED" ? "BUYER_CANCELLATION_HIMSELF" : null,
                },
                ["relationships"] = new JsonObject
                {
                    ["entries"] = new JsonObject
                    {
                        ["links"] = new JsonObject { ["related"] = $"{apiBase}/v2/orders/{order.Id}/entries" },
                        ["data"] = entryIds,
                    },
                },
                ["links"] = new JsonObject { ["self"] = $"{apiBase}/v2/orders/{order.Id}" },
            });
        }

        var document = new JsonObject
        {
            ["data"] = data,
            ["included"] = included,
            ["meta"] = new JsonObject { ["pageCount"] = (total + size - 1) / size, ["totalCount"] = total },
        };
        return document.ToJsonString();
    }

    // Kaspi sends money as JSON numbers with a fraction (1000.0); a decimal with one decimal place writes just that.
    private static decimal Money(decimal value) => value + 0.0m;
}
