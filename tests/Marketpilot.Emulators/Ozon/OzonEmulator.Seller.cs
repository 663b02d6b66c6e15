using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Marketpilot.Emulators.Ozon.JsonShape;

namespace Marketpilot.Emulators.Ozon;

/// <summary>The Seller API routes (marketplace-apis.md §1.3).</summary>
public sealed partial class OzonEmulator
{
    private const int MaxIds = 1000;

    private void MapSellerRoutes(WebApplication app)
    {
        app.MapPost("/v3/product/list", (HttpContext c) => HandleAsync(c, true, ListProducts));
        app.MapPost("/v3/product/info/list", (HttpContext c) => HandleAsync(c, true, ProductInfo));
        app.MapPost("/v5/product/info/prices", (HttpContext c) => HandleAsync(c, true, body => CursorPage(body, p => new
        {
            product_id = p.ProductId,
            offer_id = p.OfferId,
            price = new { price = p.Price, old_price = 0m, min_price = p.MinPrice, marketing_price = p.Price, net_price = p.NetPrice, currency_code = Currency },
        })));
        app.MapPost("/v4/product/info/stocks", (HttpContext c) => HandleAsync(c, true, body => CursorPage(body, p => new
        {
            product_id = p.ProductId,
            offer_id = p.OfferId,
            stocks = new[] { new { type = "fbs", sku = p.Sku, present = p.Present, reserved = p.Reserved } },
        })));
        app.MapPost("/v1/product/import/prices", (HttpContext c) => HandleAsync(c, true, ImportPrices));
        app.MapGet("/v1/actions", (HttpContext c) => HandleAsync(c, true, _ => new
        {
            result = Promotions.Values.OrderBy(p => p.Id).Select(p => new
            {
                id = p.Id, title = p.Title, action_type = "DISCOUNT", date_start = "2026-11-01T00:00:00Z", date_end = "2026-12-31T20:59:59Z",
                freeze_date = p.FreezeDate, potential_products_count = p.Candidates.Count, participating_products_count = p.Participants.Count,
                is_participating = p.Participants.Count > 0,
            }),
        }));
        app.MapPost("/v1/actions/candidates", (HttpContext c) => HandleAsync(c, true, body => PromotionProducts(body, p => p.Candidates)));
        app.MapPost("/v1/actions/products", (HttpContext c) => HandleAsync(c, true, body => PromotionProducts(body, p => p.Participants)));
        app.MapPost("/v1/actions/products/activate", (HttpContext c) => HandleAsync(c, true, Activate));
        app.MapPost("/v1/actions/products/deactivate", (HttpContext c) => HandleAsync(c, true, Deactivate));
        app.MapPost("/v1/analytics/data", (HttpContext c) => HandleAsync(c, true, Analytics));
    }

    private object ListProducts(JsonElement body)
    {
        var filter = Object(body, "filter", "", required: false);
        if (filter.ValueKind == JsonValueKind.Object)
        {
            String(filter, "visibility", "filter.", required: false);
        }

        var limit = (int)(Integer(body, "limit", "") ?? 0);
        if (limit is < 1 or > MaxIds)
        {
            throw Invalid("limit: must be from 1 to 1000");
        }

        var after = DecodeLastId(String(body, "last_id", "", required: false));
        var items = Products.Values.Where(p => p.ProductId > after).Take(limit).ToList();
        return new
        {
            result = new
            {
                items = items.Select(p => new { product_id = p.ProductId, offer_id = p.OfferId, archived = false, has_fbo_stocks = false, has_fbs_stocks = p.Present > 0, is_discounted = false }),
                total = Products.Count,
                last_id = items.Count > 0 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(items[^1].ProductId.ToString(CultureInfo.InvariantCulture))) : "",
            },
        };
    }

    private object ProductInfo(JsonElement body)
    {
        var offers = StringArray(body, "offer_id", "", MaxIds, required: false);
        var ids = StringArray(body, "product_id", "", MaxIds, required: false);
        var skus = StringArray(body, "sku", "", MaxIds, required: false);
        if (offers.Count + ids.Count + skus.Count > MaxIds)
        {
            throw Invalid("at most 1000 ids in total");
        }

        var found = Products.Values.Where(p => offers.Contains(p.OfferId)
            || ids.Contains(p.ProductId.ToString(CultureInfo.InvariantCulture))
            || skus.Contains(p.Sku.ToString(CultureInfo.InvariantCulture)));
        return new
        {
            items = found.Select(p => new
            {
                id = p.ProductId, offer_id = p.OfferId, sku = p.Sku, name = p.Name, currency_code = Currency,
                price = Text(p.Price), old_price = "0", min_price = Text(p.MinPrice), marketing_price = Text(p.Price),
                statuses = new { status = "price_sent", moderate_status = "approved", is_created = true },
                is_archived = false, is_autoarchived = false, created_at = "2026-01-15T09:00:00Z",
            }),
        };
    }

    private object CursorPage(JsonElement body, Func<EmulatedProduct, object> item)
    {
        var filter = Object(body, "filter", "");
        var ids = StringArray(filter, "product_id", "filter.", MaxIds, required: false);
        var limit = (int)Integer(body, "limit", "")!;
        if (limit is < 1 or > MaxIds)
        {
            throw Invalid("limit: must be from 1 to 1000");
        }

        var offset = (int)DecodeLastId(String(body, "cursor", "", required: false));
        var matching = Products.Values.Where(p => ids.Count == 0 || ids.Contains(p.ProductId.ToString(CultureInfo.InvariantCulture))).ToList();
        var page = matching.Skip(offset).Take(limit).ToList();
        var next = offset + page.Count;
        return new
        {
            cursor = page.Count > 0 ? Convert.ToBase64String(Encoding.UTF8.GetBytes(next.ToString(CultureInfo.InvariantCulture))) : "",
            total = matching.Count,
            items = page.Select(item),
        };
    }

    private object ImportPrices(JsonElement body)
    {
        var items = Array(body, "prices", "", MaxIds);
        var parsed = items.Select((item, i) =>
        {
            var path = $"prices[{i}].";
            var offer = String(item, "offer_id", path, required: false);
            var productId = Integer(item, "product_id", path, required: false);
            if (offer is null && productId is null)
            {
                throw Invalid($"{path}offer_id or product_id: required");
            }

            foreach (var optional in new[] { "old_price", "min_price", "net_price", "vat", "currency_code", "auto_action_enabled", "price_strategy_enabled" })
            {
                String(item, optional, path, required: false);
            }

            return (Offer: offer, ProductId: productId, Price: PriceString(item, "price", path), Currency: String(item, "currency_code", path, required: false) ?? "RUB");
        }).ToList();

        PriceBatchSizes.Enqueue(parsed.Count);
        var now = _time.GetUtcNow();
        var result = parsed.Select(p =>
        {
            var product = Products.Values.FirstOrDefault(x => p.Offer is not null ? x.OfferId == p.Offer : x.ProductId == p.ProductId);
            string? error = product is null ? "NOT_FOUND_ERROR"
                : p.Price <= 0 ? "price_negative"
                : p.Currency != Currency ? "CURRENCY_IS_NOT_EQUAL_CABINET_CURRENCY"
                : p.Price < product.MinPrice ? "PRICE_BELOW_MIN_PRICE"
                : p.Price > product.Price && Promotions.Values.Any(a => a.FreezeDate.Length > 0 && a.Participants.ContainsKey(product.ProductId)) ? "ACTION_IS_FROZEN"
                : product.PriceChanges.Count(at => now - at < TimeSpan.FromHours(1)) >= 10 ? "PRICE_CHANGE_LIMIT_EXCEEDED"
                : NextItemFaults() ? "TOO_MANY_REQUESTS"
                : null;
            if (error is null)
            {
                product!.Price = p.Price;
                product.PriceChanges.Add(now);
                PriceUpdates.AddOrUpdate(product.OfferId, 1, (_, n) => n + 1);
            }

            return new
            {
                product_id = product?.ProductId ?? 0,
                offer_id = p.Offer ?? product?.OfferId ?? "",
                updated = error is null,
                errors = error is null ? [] : new[] { new { code = error, message = $"price of {p.Offer ?? p.ProductId?.ToString(CultureInfo.InvariantCulture)} not updated: {error}" } },
            };
        }).ToList();
        return new { result };
    }

    private object PromotionProducts(JsonElement body, Func<EmulatedPromotion, Dictionary<long, decimal>> pick)
    {
        var promotion = FindPromotion(body);
        var limit = (int)(Number(body, "limit", "", required: false) ?? 100);
        // The spec types last_id as a number and the guide as a string; offset is deprecated but still accepted.
        var lastId = body.TryGetProperty("last_id", out var l) ? (l.ValueKind == JsonValueKind.Number ? l.GetInt64() : DecodeLastId(l.GetString())) : 0;
        var offset = (int)(Number(body, "offset", "", required: false) ?? 0);
        var all = pick(promotion).OrderBy(p => p.Key).Where(p => p.Key > lastId).Skip(offset).ToList();
        var page = all.Take(limit).ToList();
        return new
        {
            result = new
            {
                products = page.Select(p => new
                {
                    id = p.Key, price = Products[p.Key].Price, action_price = p.Value, max_action_price = promotion.Candidates.GetValueOrDefault(p.Key, p.Value),
                    add_mode = "MANUAL", stock = 0, min_stock = 0,
                }),
                total = pick(promotion).Count,
                last_id = page.Count > 0 ? page[^1].Key.ToString(CultureInfo.InvariantCulture) : "",
            },
        };
    }

    private object Activate(JsonElement body)
    {
        var promotion = FindPromotion(body);
        var items = Array(body, "products", "", MaxIds).Select((p, i) => (Id: Integer(p, "product_id", $"products[{i}].")!.Value, Price: Number(p, "action_price", $"products[{i}].")!.Value)).ToList();
        var accepted = new List<long>();
        var rejected = new List<object>();
        foreach (var (id, price) in items)
        {
            if (!promotion.Candidates.TryGetValue(id, out var max))
            {
                rejected.Add(new { product_id = id, reason = "product is not a candidate of the action" });
            }
            else if (price > max)
            {
                rejected.Add(new { product_id = id, reason = "action_price is above max_action_price" });
            }
            else
            {
                promotion.Participants[id] = price;
                accepted.Add(id);
            }
        }

        return new { result = new { product_ids = accepted, rejected } };
    }

    private object Deactivate(JsonElement body)
    {
        var promotion = FindPromotion(body);
        var ids = Array(body, "product_ids", "", MaxIds).Select((e, i) => e.ValueKind == JsonValueKind.Number ? e.GetInt64() : throw Invalid($"product_ids[{i}]: expected a number")).ToList();
        var accepted = new List<long>();
        var rejected = new List<object>();
        foreach (var id in ids)
        {
            if (promotion.FreezeDate.Length > 0)
            {
                rejected.Add(new { product_id = id, reason = "action is frozen: products cannot be removed" });
            }
            else if (promotion.Participants.Remove(id))
            {
                accepted.Add(id);
            }
            else
            {
                rejected.Add(new { product_id = id, reason = "product does not participate in the action" });
            }
        }

        return new { result = new { product_ids = accepted, rejected } };
    }

    private object Analytics(JsonElement body)
    {
        String(body, "date_from", "");
        String(body, "date_to", "");
        var dimensions = StringArray(body, "dimension", "", 10);
        var metrics = StringArray(body, "metrics", "", 14);
        var limit = (int)Integer(body, "limit", "")!;
        var offset = (int)(Integer(body, "offset", "", required: false) ?? 0);
        if (dimensions.Count == 0 || dimensions[0] != "sku")
        {
            throw Invalid("dimension: the emulator serves the sku dimension first");
        }

        var rows = Products.Values.Skip(offset).Take(limit).Select(p => new
        {
            dimensions = dimensions.Select(d => d == "sku" ? new { id = p.Sku.ToString(CultureInfo.InvariantCulture), name = p.Name } : new { id = String(body, "date_from", "")!, name = "" }),
            metrics = metrics.Select(m => m switch
            {
                "hits_view" => p.Metrics.Views,
                "hits_tocart" => p.Metrics.ToCart,
                "ordered_units" => p.Metrics.Orders,
                "returns" => p.Metrics.Returns,
                _ => 0,
            }),
        }).ToList();
        return new { result = new { data = rows, totals = metrics.Select(_ => 0) }, timestamp = _time.GetUtcNow().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) };
    }

    private EmulatedPromotion FindPromotion(JsonElement body)
    {
        var id = Number(body, "action_id", "")!.Value;
        return Promotions.TryGetValue((long)id, out var promotion) ? promotion : throw new KeyNotFoundException($"action {id} not found");
    }

    private static long DecodeLastId(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return 0;
        }

        try
        {
            return long.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(text)), CultureInfo.InvariantCulture);
        }
        catch (FormatException)
        {
            return long.TryParse(text, CultureInfo.InvariantCulture, out var plain) ? plain : throw Invalid("last_id/cursor: not a value this API returned");
        }
    }

    private static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
