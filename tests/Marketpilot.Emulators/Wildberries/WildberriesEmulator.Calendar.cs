using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Wildberries;

public sealed partial class WildberriesEmulator
{
    private void MapCalendar(WebApplication app)
    {
        app.MapGet("/api/v1/calendar/promotions", context =>
        {
            var query = context.Request.Query;
            var limit = QueryLong(context, "limit");
            if (!DateTimeOffset.TryParse(query["startDateTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var from)
                || !DateTimeOffset.TryParse(query["endDateTime"], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var to)
                || !bool.TryParse(query["allPromo"], out _) || limit is not (>= 1 and <= 1000))
            {
                return Json(context, 400, new { errorText = "Invalid query params" });
            }

            lock (_gate)
            {
                var promotions = Promotions.Values.Where(p => p.End >= from && p.Start <= to).Skip((int)(QueryLong(context, "offset") ?? 0)).Take((int)limit)
                    .Select(p => new { id = p.Id, name = p.Name, startDateTime = p.Start, endDateTime = p.End, type = p.Type }).ToList();
                return Json(context, 200, new { data = new { promotions } });
            }
        });

        app.MapGet("/api/v1/calendar/promotions/nomenclatures", context =>
        {
            var limit = QueryLong(context, "limit");
            if (QueryLong(context, "promotionID") is not { } id || !bool.TryParse(context.Request.Query["inAction"], out var inAction) || limit is not (>= 1 and <= 1000))
            {
                return Json(context, 400, new { errorText = "Invalid query params" });
            }

            lock (_gate)
            {
                if (!Promotions.TryGetValue(id, out var promotion))
                {
                    return Json(context, 400, new { errorText = "Promotion not found" });
                }

                if (promotion.Type == "auto")
                {
                    return Json(context, 422, new { errorText = "Not available for auto promotions" });
                }

                var list = promotion.Eligible.Order().Where(nm => promotion.Members.Contains(nm) == inAction)
                    .Skip((int)(QueryLong(context, "offset") ?? 0)).Take((int)limit)
                    .Select(nm => new { id = nm, inAction, price = Items[nm].Price, currencyCode = "RUB", planPrice = Items[nm].Price * 9 / 10, discount = Items[nm].Discount, planDiscount = 10 })
                    .ToList();
                return Json(context, 200, new { data = new { nomenclatures = list } });
            }
        });

        app.MapPost("/api/v1/calendar/promotions/upload", async context =>
        {
            var text = await BodyAsync(context).ConfigureAwait(false);
            var body = WildberriesShape.Parse(text, out var parseError);
            var data = body?["data"];
            var error = parseError ?? WildberriesShape.First(
                WildberriesShape.Object(data, "data"),
                WildberriesShape.Integer(data?["promotionID"], "data.promotionID", 1),
                WildberriesShape.Boolean(data?["uploadNow"], "data.uploadNow"),
                WildberriesShape.Integers(data?["nomenclatures"], "data.nomenclatures", 1, 1000));
            (int Status, object Body) answer;
            lock (_gate)
            {
                var promotion = error is null && Promotions.TryGetValue(data!["promotionID"]!.GetValue<long>(), out var p) ? p : null;
                error ??= promotion is null ? "Promotion not found" : promotion.Type == "auto" ? "Not available for auto promotions" : null;
                if (error is not null)
                {
                    answer = (400, new { errorText = error });
                }
                else
                {
                    var nmIds = data!["nomenclatures"]!.AsArray().Select(n => n!.GetValue<long>()).Distinct().ToList();
                    var uploadNow = data["uploadNow"]!.GetValue<bool>();
                    var (upload, existed) = Enqueue(text, nmIds, buffered: !uploadNow, () => JoinPromotion(promotion!, nmIds, uploadNow));
                    answer = (existed ? 208 : 200, new { data = new { alreadyExists = existed, uploadID = upload.Id } });
                }
            }

            await Json(context, answer.Status, answer.Body).ConfigureAwait(false);
        });
    }

    private Dictionary<long, string> JoinPromotion(EmulatedPromotion promotion, List<long> nmIds, bool now)
    {
        var errors = new Dictionary<long, string>();
        foreach (var nmId in nmIds)
        {
            if (FailNextUploadItem.TryRemove(nmId, out var failure))
            {
                errors[nmId] = failure;
            }
            else if (!promotion.Eligible.Contains(nmId))
            {
                errors[nmId] = "The item is not eligible for the promotion";
            }
            else if ((now ? promotion.Members : promotion.Pending).Add(nmId))
            {
                Changes.Enqueue(new EmulatedChange("promotion", nmId, promotion.Id.ToString(CultureInfo.InvariantCulture)));
            }
        }

        return errors;
    }
}
