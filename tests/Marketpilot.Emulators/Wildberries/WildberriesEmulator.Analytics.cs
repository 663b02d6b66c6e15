using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Wildberries;

public sealed partial class WildberriesEmulator
{
    private void MapAnalytics(WebApplication app)
    {
        // Every day has the item's seeded counts; the past period has half of them.
        app.MapPost("/api/analytics/v3/sales-funnel/products", async context =>
        {
            var body = WildberriesShape.Parse(await BodyAsync(context).ConfigureAwait(false), out var parseError);
            var error = parseError ?? WildberriesShape.First(
                WildberriesShape.Object(body?["selectedPeriod"], "selectedPeriod"),
                WildberriesShape.Date(body?["selectedPeriod"]?["start"], "selectedPeriod.start"),
                WildberriesShape.Date(body?["selectedPeriod"]?["end"], "selectedPeriod.end"),
                body?["pastPeriod"] is null ? null : WildberriesShape.Date(body["pastPeriod"]?["start"], "pastPeriod.start") ?? WildberriesShape.Date(body["pastPeriod"]?["end"], "pastPeriod.end"),
                WildberriesShape.Integers(body?["nmIds"], "nmIds", 0, 1000, required: false),
                WildberriesShape.Boolean(body?["skipDeletedNm"], "skipDeletedNm", required: false),
                WildberriesShape.Integer(body?["limit"], "limit", 0, 1000, required: false),
                WildberriesShape.Integer(body?["offset"], "offset", 0, required: false));
            if (error is not null)
            {
                await Json(context, 400, new { title = "invalid payload", detail = error, status = 400 }).ConfigureAwait(false);
                return;
            }

            var wanted = body!["nmIds"]?.AsArray().Select(n => n!.GetValue<long>()).ToHashSet() ?? [];
            var limit = body["limit"]?.GetValue<int>() ?? 50;
            var offset = body["offset"]?.GetValue<int>() ?? 0;
            List<object> products;
            lock (_gate)
            {
                products = [.. Items.Values.Where(i => wanted.Count == 0 || wanted.Contains(i.NmId)).Skip(offset).Take(limit).Select(i => (object)new
                {
                    product = new
                    {
                        nmId = i.NmId, title = i.Title, vendorCode = i.VendorCode, brandName = "Emulated", subjectId = 7771, subjectName = i.SubjectName,
                        tags = Array.Empty<object>(), productRating = 4.8, feedbackRating = 4.7, stocks = new { wb = i.StockWb, mp = i.StockMp, balanceSum = (i.StockWb + i.StockMp) * i.Price },
                    },
                    statistic = new { selected = Statistic(i, 1), past = Statistic(i, 2) },
                })];
            }

            await Json(context, 200, new { data = new { products, currency = "RUB" } }).ConfigureAwait(false);
        });

        app.MapGet("/api/v1/supplier/sales", context =>
        {
            if (!DateOnly.TryParse(context.Request.Query["dateFrom"].ToString().Split('T')[0], CultureInfo.InvariantCulture, out var day) || context.Request.Query["flag"] is not ["0"] and not ["1"])
            {
                return Json(context, 400, new { errors = new[] { "dateFrom: invalid" } });
            }

            lock (_gate)
            {
                var date = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                var rows = Items.Values.SelectMany(i => Enumerable.Range(0, (int)i.ReturnCount).Select(n => (Item: i, Id: $"R{i.NmId}{n}"))
                        .Concat(Enumerable.Range(0, (int)i.OrderCount).Select(n => (Item: i, Id: $"S{i.NmId}{n}"))))
                    .Select(r => new { date = date + "T10:00:00", lastChangeDate = date + "T10:05:00", supplierArticle = r.Item.VendorCode, nmId = r.Item.NmId, saleID = r.Id, totalPrice = r.Item.Price, finishedPrice = r.Item.DiscountedPrice, priceWithDisc = r.Item.DiscountedPrice })
                    .ToList();
                return Json(context, 200, rows);
            }
        });
    }

    private static object Statistic(EmulatedItem item, int divisor) => new
    {
        period = new { start = "", end = "" },
        openCount = item.OpenCount / divisor,
        cartCount = item.CartCount / divisor,
        orderCount = item.OrderCount / divisor,
        orderSum = item.OrderCount / divisor * item.Price,
        buyoutCount = 0, buyoutSum = 0, cancelCount = item.ReturnCount, cancelSum = 0, avgPrice = item.Price,
        avgOrdersCountPerDay = (double)(item.OrderCount / divisor),
        shareOrderPercent = 1.0, addToWishlist = 0, timeToReady = new { days = 1, hours = 0, mins = 0 }, localizationPercent = 90,
        wbClub = new { orderCount = 0 },
        conversions = new { addToCartPercent = 10, cartToOrderPercent = 30, buyoutPercent = 90 },
    };
}
