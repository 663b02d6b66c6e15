using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Wildberries;

public sealed partial class WildberriesEmulator
{
    private void MapPrices(WebApplication app)
    {
        app.MapPost("/api/v2/list/goods/filter", async context =>
        {
            var body = WildberriesShape.Parse(await BodyAsync(context).ConfigureAwait(false), out var parseError);
            var error = parseError ?? WildberriesShape.Integers(body?["nmList"], "nmList", 1, 1000);
            if (error is not null)
            {
                await PriceError(context, 400, error).ConfigureAwait(false);
                return;
            }

            var wanted = body!["nmList"]!.AsArray().Select(n => n!.GetValue<long>()).ToHashSet();
            object[] goods;
            lock (_gate)
            {
                goods = [.. Items.Values.Where(i => wanted.Contains(i.NmId)).Select(Goods)];
            }

            await Json(context, 200, new { data = new { listGoods = goods }, error = false, errorText = "" }).ConfigureAwait(false);
        });

        app.MapPost("/api/v2/upload/task", async context =>
        {
            var text = await BodyAsync(context).ConfigureAwait(false);
            var body = WildberriesShape.Parse(text, out var parseError);
            var data = body?["data"];
            var error = parseError
                ?? (data is JsonArray { Count: > 1000 } ? "Upload limit exceeded: You can upload a maximum of 1 000 items" : null)
                ?? WildberriesShape.Array(data, "data", 1, 1000)
                ?? data!.AsArray().Select((item, i) => PriceItemError(item, i)).FirstOrDefault(e => e is not null);
            if (error is null && data!.AsArray().GroupBy(i => i!["nmID"]!.GetValue<long>()).Any(g => g.Count() > 1))
            {
                error = "Duplicate item Nos.";
            }

            if (error is not null)
            {
                await PriceError(context, 400, error).ConfigureAwait(false);
                return;
            }

            var items = data!.AsArray().Select(i => (NmId: i!["nmID"]!.GetValue<long>(), Price: i["price"]?.GetValue<long>(), Discount: i["discount"]?.GetValue<int>())).ToList();
            (int Status, object Body) answer;
            lock (_gate)
            {
                if (items.All(i => !Items.TryGetValue(i.NmId, out var item) || ((i.Price ?? item.Price) == item.Price && (i.Discount ?? item.Discount) == item.Discount)))
                {
                    answer = (400, new { data = (object?)null, error = true, errorText = "All item Nos. are specified incorrectly, or the specified prices and discounts are already set" });
                }
                else
                {
                    var (upload, existed) = Enqueue(text, [.. items.Select(i => i.NmId)], buffered: false, () => ApplyPrices(items));
                    answer = (existed ? 208 : 200, new { data = new { id = upload.Id, alreadyExists = existed }, error = false, errorText = existed ? "This task already exists" : "" });
                }
            }

            await Json(context, answer.Status, answer.Body).ConfigureAwait(false);
        });

        app.MapGet("/api/v2/history/tasks", context =>
        {
            lock (_gate)
            {
                if (QueryLong(context, "uploadID") is not { } id || !_uploads.TryGetValue(id, out var upload) || upload.Buffered)
                {
                    return PriceError(context, 400, "Invalid uploadID");
                }

                if (upload.Status == 0 && !HoldUploads && upload.PollsLeft-- <= 0)
                {
                    upload.Errors = upload.Process();
                    upload.Status = upload.Errors.Count == 0 ? 3 : upload.Errors.Count == upload.NmIds.Count ? 6 : 5;
                }

                return upload.Status == 0
                    ? Json(context, 200, new { data = (object?)null, error = false, errorText = "" })
                    : Json(context, 200, new
                    {
                        data = new { uploadID = upload.Id, status = upload.Status, uploadDate = DateTimeOffset.UtcNow, activationDate = DateTimeOffset.UtcNow, overAllGoodsNumber = upload.NmIds.Count, successGoodsNumber = upload.NmIds.Count - upload.Errors.Count },
                        error = false,
                        errorText = "",
                    });
            }
        });

        app.MapGet("/api/v2/history/goods/task", context => UploadGoods(context, buffered: false));
        app.MapGet("/api/v2/buffer/goods/task", context => UploadGoods(context, buffered: true));

        app.MapGet("/api/v2/buffer/tasks", context =>
        {
            lock (_gate)
            {
                return QueryLong(context, "uploadID") is { } id && _uploads.TryGetValue(id, out var upload) && upload.Buffered
                    ? Json(context, 200, new { data = new { uploadID = upload.Id, status = 1, uploadDate = DateTimeOffset.UtcNow, overAllGoodsNumber = upload.NmIds.Count, successGoodsNumber = 0 }, error = false, errorText = "" })
                    : PriceError(context, 400, "Invalid uploadID");
            }
        });
    }

    private Task UploadGoods(HttpContext context, bool buffered)
    {
        lock (_gate)
        {
            var limit = QueryLong(context, "limit");
            if (QueryLong(context, "uploadID") is not { } id || !_uploads.TryGetValue(id, out var upload) || upload.Buffered != buffered
                || (!buffered && upload.Status == 0) || limit is not (>= 1 and <= 1000))
            {
                return PriceError(context, 400, "Invalid query params");
            }

            var goods = upload.NmIds.Skip((int)(QueryLong(context, "offset") ?? 0)).Take((int)limit).Select(nmId => new
            {
                nmID = nmId,
                vendorCode = Items.TryGetValue(nmId, out var item) ? item.VendorCode : "",
                price = item?.Price ?? 0,
                currencyIsoCode4217 = "RUB",
                discount = item?.Discount ?? 0,
                status = upload.Errors.ContainsKey(nmId) ? 3 : buffered ? 1 : 2,
                errorText = upload.Errors.GetValueOrDefault(nmId, ""),
            }).ToList();
            return Json(context, 200, new { data = new { uploadID = upload.Id, historyGoods = goods }, error = false, errorText = "" });
        }
    }

    /// <summary>Records an upload, or finds the identical one WB would answer 208 for. Call under the lock.</summary>
    private (EmulatedUpload Upload, bool Existed) Enqueue(string content, IReadOnlyList<long> nmIds, bool buffered, Func<Dictionary<long, string>> process)
    {
        var canonical = JsonNode.Parse(content)!.ToJsonString();
        var existing = _uploads.Values.FirstOrDefault(u => u.Content == canonical);
        if (existing is not null)
        {
            return (existing, true);
        }

        var upload = new EmulatedUpload { Id = ++_nextUploadId, Content = canonical, NmIds = nmIds, Buffered = buffered, PollsLeft = PollsBeforeProcessed, Process = process };
        _uploads[upload.Id] = upload;
        if (buffered)
        {
            upload.Errors = process();
        }

        return (upload, false);
    }

    private Dictionary<long, string> ApplyPrices(List<(long NmId, long? Price, int? Discount)> items)
    {
        var errors = new Dictionary<long, string>();
        foreach (var (nmId, price, discount) in items)
        {
            if (FailNextUploadItem.TryRemove(nmId, out var failure))
            {
                errors[nmId] = failure;
                continue;
            }

            if (!Items.TryGetValue(nmId, out var item))
            {
                errors[nmId] = "Invalid item No.";
                continue;
            }

            var newPrice = price ?? item.Price;
            var newDiscount = discount ?? item.Discount;
            var discounted = newPrice * (100 - newDiscount) / 100m;
            if (discounted * 3 <= item.DiscountedPrice)
            {
                errors[nmId] = "The price is in quarantine: the new price is 3 or more times lower than the old one";
                continue;
            }

            item.Price = newPrice;
            item.Discount = newDiscount;
            Changes.Enqueue(new EmulatedChange("price", nmId, string.Create(CultureInfo.InvariantCulture, $"{newPrice}/{newDiscount}")));
        }

        return errors;
    }

    private static string? PriceItemError(JsonNode? item, int index) => WildberriesShape.First(
        WildberriesShape.Object(item, $"data[{index}]"),
        WildberriesShape.Integer(item?["nmID"], $"data[{index}].nmID", 1),
        item?["price"] is null && item?["discount"] is null ? "Price and discount not specified" : null,
        item?["price"] is { } price && WildberriesShape.Integer(price, "price", 1) is not null
            ? (price.GetValueKind() == System.Text.Json.JsonValueKind.Number ? "Price should be a whole number" : "Invalid price value")
            : null,
        item?["discount"] is { } discount && WildberriesShape.Integer(discount, "discount", 0, 99) is not null ? "Invalid discount value" : null);

    private static object Goods(EmulatedItem item) => new
    {
        nmID = item.NmId,
        vendorCode = item.VendorCode,
        currencyIsoCode4217 = "RUB",
        discount = item.Discount,
        clubDiscount = 0,
        editableSizePrice = false,
        isBadTurnover = false,
        sizes = new[] { new { sizeID = item.ChrtId, techSizeName = "0", price = item.Price, discountedPrice = item.DiscountedPrice, clubDiscountedPrice = item.DiscountedPrice } },
    };

    private static Task PriceError(HttpContext context, int status, string text) =>
        Json(context, status, new { data = (object?)null, error = true, errorText = text });
}
