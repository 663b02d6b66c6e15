using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Wildberries;

public sealed partial class WildberriesEmulator
{
    /// <summary>The lowest bid WB takes, in kopecks.</summary>
    public const long MinBidKopecks = 150;

    private void MapAdvert(WebApplication app)
    {
        app.MapGet("/adv/v1/promotion/count", context =>
        {
            lock (_gate)
            {
                var groups = Adverts.Values.GroupBy(a => a.Status).Select(g => new
                {
                    type = 9,
                    status = g.Key,
                    count = g.Count(),
                    advert_list = g.Select(a => new { advertId = a.Id, changeTime = "2025-05-10T12:12:52+03:00" }).ToList(),
                }).ToList();
                return Json(context, 200, new { adverts = groups, all = Adverts.Count });
            }
        });

        app.MapGet("/api/advert/v2/adverts", context =>
        {
            var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length is 0 or > 50 || ids.Any(i => !long.TryParse(i, NumberStyles.None, CultureInfo.InvariantCulture, out _)))
            {
                return Json(context, 400, new { title = "invalid query", detail = "ids: from 1 to 50 campaign ids", status = 400 });
            }

            lock (_gate)
            {
                var adverts = ids.Select(long.Parse).Where(Adverts.ContainsKey).Select(id => Adverts[id]).Select(a => new
                {
                    id = a.Id,
                    bid_type = a.BidType,
                    currency = "RUB",
                    status = a.Status,
                    settings = new
                    {
                        name = a.Name,
                        payment_type = "cpm",
                        placements = new
                        {
                            search = a.BidType == "unified" || a.Bids.Values.Any(b => b.ContainsKey("search")),
                            recommendations = a.BidType == "unified" || a.Bids.Values.Any(b => b.ContainsKey("recommendations")),
                        },
                    },
                    nm_settings = a.Bids.Select(b => new
                    {
                        nm_id = b.Key,
                        subject = new { id = 54, name = "Футболки" },
                        bids_kopecks = new
                        {
                            search = b.Value.GetValueOrDefault("search", b.Value.GetValueOrDefault("combined")),
                            recommendations = b.Value.GetValueOrDefault("recommendations", b.Value.GetValueOrDefault("combined")),
                        },
                    }).ToList(),
                    restrictions = new { can_change_nms = true },
                }).ToList();
                return Json(context, 200, new { adverts });
            }
        });

        app.MapGet("/adv/v0/pause", context => SwitchAdvert(context, pause: true));
        app.MapGet("/adv/v0/start", context => SwitchAdvert(context, pause: false));

        app.MapMethods("/api/advert/v1/bids", ["PATCH"], async context =>
        {
            var body = WildberriesShape.Parse(await BodyAsync(context).ConfigureAwait(false), out var parseError);
            var error = parseError ?? WildberriesShape.Array(body?["bids"], "bids", 1, 50)
                ?? body!["bids"]!.AsArray().Select((b, i) => BidChangeError(b, i)).FirstOrDefault(e => e is not null);
            (int Status, object Body) answer;
            lock (_gate)
            {
                error ??= body!["bids"]!.AsArray().Select(BidStateError).FirstOrDefault(e => e is not null);
                if (error is not null)
                {
                    answer = (400, new { title = "invalid payload", detail = error, status = 400, origin = "camp-api-public-cache", request_id = Guid.NewGuid().ToString("N") });
                }
                else
                {
                    foreach (var change in body!["bids"]!.AsArray())
                    {
                        var advert = Adverts[change!["advert_id"]!.GetValue<long>()];
                        foreach (var bid in change["nm_bids"]!.AsArray())
                        {
                            var nmId = bid!["nm_id"]!.GetValue<long>();
                            var placement = bid["placement"]!.GetValue<string>();
                            var kopecks = bid["bid_kopecks"]!.GetValue<long>();
                            if (advert.Bids[nmId].GetValueOrDefault(placement) != kopecks)
                            {
                                advert.Bids[nmId][placement] = kopecks;
                                Changes.Enqueue(new EmulatedChange("bid", nmId, string.Create(CultureInfo.InvariantCulture, $"{advert.Id}:{placement}={kopecks}")));
                            }
                        }
                    }

                    answer = (200, new { bids = body["bids"]!.DeepClone(), currency = "RUB" });
                }
            }

            await Json(context, answer.Status, answer.Body).ConfigureAwait(false);
        });

        app.MapGet("/adv/v3/fullstats", context =>
        {
            var ids = context.Request.Query["ids"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length is 0 or > 50 || !DateOnly.TryParseExact(context.Request.Query["beginDate"], "yyyy-MM-dd", out _) || !DateOnly.TryParseExact(context.Request.Query["endDate"], "yyyy-MM-dd", out _))
            {
                return Json(context, 400, new { error = "Invalid Params" });
            }

            lock (_gate)
            {
                var stats = ids.Select(long.Parse).Where(id => Adverts.TryGetValue(id, out var a) && a.Status is 7 or 9 or 11).Select(id => new
                {
                    advertId = id, views = 1000 + id, clicks = 50 + (id % 10), ctr = 5.0, cpc = 12.5, cr = 2.0, atbs = 7, orders = 3, shks = 3,
                    sum = 625.50m + id, sum_price = 4200m + id, canceled = 0, currency = "RUB",
                }).ToList();
                return Json(context, 200, stats);
            }
        });
    }

    private Task SwitchAdvert(HttpContext context, bool pause)
    {
        lock (_gate)
        {
            if (QueryLong(context, "id") is not { } id || !Adverts.TryGetValue(id, out var advert))
            {
                return Json(context, 400, new { error = "AdvertChangeStatus: Not Found: advert not found" });
            }

            var target = pause ? 11 : 9;
            if (advert.Status == target)
            {
                return Json(context, 422, "Статус кампании не изменен");
            }

            if (pause ? advert.Status != 9 : advert.Status is not (4 or 11))
            {
                return Json(context, 400, new { error = $"AdvertChangeStatus: Wrong Status: advert status is {advert.Status}" });
            }

            if (!pause && advert.Budget <= 0)
            {
                return Json(context, 400, new { error = "AdvertChangeStatus: Low Budget: not enough budget" });
            }

            advert.Status = target;
            Changes.Enqueue(new EmulatedChange(pause ? "pause" : "start", id, target.ToString(CultureInfo.InvariantCulture)));
            context.Response.StatusCode = 200;
            return Task.CompletedTask;
        }
    }

    private static string? BidChangeError(JsonNode? change, int index) =>
        WildberriesShape.First(
            WildberriesShape.Object(change, $"bids[{index}]"),
            WildberriesShape.Integer(change?["advert_id"], $"bids[{index}].advert_id", 1),
            WildberriesShape.Array(change?["nm_bids"], $"bids[{index}].nm_bids", 1, 50))
        ?? change!["nm_bids"]!.AsArray().Select((bid, j) => WildberriesShape.First(
            WildberriesShape.Object(bid, $"bids[{index}].nm_bids[{j}]"),
            WildberriesShape.Integer(bid?["nm_id"], $"bids[{index}].nm_bids[{j}].nm_id", 1),
            WildberriesShape.Integer(bid?["bid_kopecks"], $"bids[{index}].nm_bids[{j}].bid_kopecks", 1),
            WildberriesShape.Text(bid?["placement"], $"bids[{index}].nm_bids[{j}].placement"),
            bid?["placement"]?.GetValueKind() == System.Text.Json.JsonValueKind.String && bid["placement"]!.GetValue<string>() is not ("combined" or "search" or "recommendations")
                ? $"bids[{index}].nm_bids[{j}].placement must be combined, search or recommendations" : null)).FirstOrDefault(e => e is not null);

    private string? BidStateError(JsonNode? change)
    {
        var id = change!["advert_id"]!.GetValue<long>();
        if (!Adverts.TryGetValue(id, out var advert))
        {
            return $"advert {id} not found";
        }

        if (advert.Status is not (4 or 9 or 11))
        {
            return $"advert {id} has status {advert.Status}; bids change only in statuses 4, 9, 11";
        }

        foreach (var bid in change["nm_bids"]!.AsArray())
        {
            var nmId = bid!["nm_id"]!.GetValue<long>();
            var kopecks = bid["bid_kopecks"]!.GetValue<long>();
            var placement = bid["placement"]!.GetValue<string>();
            if (!advert.Bids.ContainsKey(nmId))
            {
                return $"nm {nmId} is not in advert {id}";
            }

            if ((advert.BidType == "unified") != (placement == "combined"))
            {
                return $"placement {placement} does not fit a {advert.BidType} campaign";
            }

            if (kopecks < MinBidKopecks)
            {
                return string.Create(CultureInfo.InvariantCulture, $"wrong bid value: {kopecks}; min: {MinBidKopecks}");
            }
        }

        return null;
    }
}
