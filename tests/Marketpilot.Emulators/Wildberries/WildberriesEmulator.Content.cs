using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Wildberries;

public sealed partial class WildberriesEmulator
{
    private void MapContent(WebApplication app)
    {
        // POST /content/v2/get/cards/list: ascending by (updatedAt, nmID), resumed after the cursor's card.
        app.MapPost("/content/v2/get/cards/list", async context =>
        {
            var body = WildberriesShape.Parse(await BodyAsync(context).ConfigureAwait(false), out var parseError);
            if (parseError is not null)
            {
                context.Response.StatusCode = 400;
                await context.Response.WriteAsync(parseError).ConfigureAwait(false);
                return;
            }

            var settings = body?["settings"];
            var cursor = settings?["cursor"];
            var error = WildberriesShape.First(
                WildberriesShape.Object(settings, "settings"),
                WildberriesShape.Object(cursor, "settings.cursor"),
                WildberriesShape.Integer(cursor?["limit"], "settings.cursor.limit", 1, 100),
                WildberriesShape.Text(cursor?["updatedAt"], "settings.cursor.updatedAt", required: false),
                WildberriesShape.Integer(cursor?["nmID"], "settings.cursor.nmID", 1, required: false),
                (cursor?["updatedAt"] is null) != (cursor?["nmID"] is null) ? "settings.cursor.updatedAt and settings.cursor.nmID go together" : null,
                WildberriesShape.Boolean(settings?["sort"]?["ascending"], "settings.sort.ascending", required: false));
            if (error is not null)
            {
                await Json(context, 400, new { data = (object?)null, error = true, errorText = error, additionalErrors = (object?)null }).ConfigureAwait(false);
                return;
            }

            var limit = cursor!["limit"]!.GetValue<int>();
            var after = cursor["updatedAt"] is { } updatedAt ? (updatedAt.GetValue<string>(), cursor["nmID"]!.GetValue<long>()) : ((string, long)?)null;
            List<object> cards;
            (string UpdatedAt, long NmId)? last = null;
            lock (_gate)
            {
                var page = Items.Values
                    .OrderBy(i => i.UpdatedAt, StringComparer.Ordinal).ThenBy(i => i.NmId)
                    .Where(i => after is not { } a || string.CompareOrdinal(i.UpdatedAt, a.Item1) > 0 || (i.UpdatedAt == a.Item1 && i.NmId > a.Item2))
                    .Take(limit)
                    .ToList();
                if (page.Count > 0)
                {
                    last = (page[^1].UpdatedAt, page[^1].NmId);
                }

                cards = [.. page.Select(i => new
                {
                    nmID = i.NmId, imtID = i.NmId + 5_000_000, vendorCode = i.VendorCode, brand = "Emulated", title = i.Title,
                    subjectName = i.SubjectName, subjectID = 7771, createdAt = i.CreatedAt, updatedAt = i.UpdatedAt,
                    sizes = new[] { new { chrtID = i.ChrtId, techSize = "0", wbSize = "", skus = new[] { $"20{i.NmId}" } } },
                })];
            }

            await Json(context, 200, new { cards, cursor = new { updatedAt = last?.UpdatedAt, nmID = last?.NmId, total = cards.Count } }).ConfigureAwait(false);
        });
    }
}
