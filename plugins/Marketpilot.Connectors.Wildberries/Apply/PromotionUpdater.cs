using System.Globalization;
using System.Net;
using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Pull;
using Marketpilot.Connectors.Wildberries.Wire;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Apply;

/// <summary>
/// Puts articles into calendar promotions (<c>POST /api/v1/calendar/promotions/upload</c>, at most 1,000 per upload) and
/// follows the upload: to the history for a running promotion, to the buffer for one that has not started.
/// </summary>
internal sealed class PromotionUpdater(WildberriesApi api, WildberriesCatalog catalog, UploadPoller poller, WildberriesSettings settings, TimeProvider time)
{
    public const int UploadLimit = 1000;

    public async Task<List<ActionResult>> ApplyAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken)
    {
        var results = new List<ActionResult>();
        var overview = await catalog.GetOverviewAsync(cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var toUpload = new List<(Promotion Promotion, PendingAction Action)>();
        foreach (var action in actions)
        {
            var id = ((AddToPromo)action.Request.Action).PromotionId;
            var promotion = ParseId(id) is { } promotionId ? overview.Promotions.FirstOrDefault(p => p.Id == promotionId) : null;
            var refusal = promotion switch
            {
                null => $"'{id}' is not a promotion in this shop's Wildberries calendar.",
                { Type: "auto" } => $"Promotion {promotion.Id} is an automatic one: Wildberries lets only the seller cabinet change who takes part.",
                _ when promotion.EndDateTime <= now => $"Promotion {promotion.Id} has ended.",
                _ => null,
            };
            if (refusal is not null)
            {
                results.Add(action.Rejected(refusal));
            }
            else if (overview.MembersByPromotion.GetValueOrDefault(promotion!.Id)?.Contains(action.NmId) == true)
            {
                results.Add(action.Applied($"Item {action.NmId} already takes part in promotion {promotion.Id}."));
            }
            else
            {
                toUpload.Add((promotion, action));
            }
        }

        foreach (var group in toUpload.GroupBy(u => u.Promotion.Id))
        {
            var promotion = group.First().Promotion;

            // The same article twice in one upload is a duplicate to WB; the second action rides on the first's upload.
            foreach (var chunk in group.Select(g => g.Action).GroupBy(a => a.NmId).Chunk(UploadLimit))
            {
                var outcome = await UploadAsync(promotion, [.. chunk.Select(c => c.Key)], now, cancellationToken).ConfigureAwait(false);
                results.AddRange(chunk.SelectMany(c => c.Select(a => outcome(a))));
            }
        }

        if (toUpload.Count > 0)
        {
            catalog.Invalidate();
        }

        return results;
    }

    private async Task<Func<PendingAction, ActionResult>> UploadAsync(Promotion promotion, IReadOnlyList<long> nmIds, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var startsLater = promotion.StartDateTime > now;
        var response = await api.PostAsync(WildberriesMethodGroup.Calendar, settings.CalendarBaseUrl, "/api/v1/calendar/promotions/upload",
            new PromotionUploadRequest(new PromotionUpload(promotion.Id, UploadNow: !startsLater, nmIds)), cancellationToken).ConfigureAwait(false);
        if (response.Status is not (HttpStatusCode.OK or HttpStatusCode.AlreadyReported))
        {
            var text = response.ErrorText();
            if (response.Status == HttpStatusCode.BadRequest && nmIds.Count > 1)
            {
                var single = new Dictionary<long, Func<PendingAction, ActionResult>>();
                foreach (var nmId in nmIds)
                {
                    single[nmId] = await UploadAsync(promotion, [nmId], now, cancellationToken).ConfigureAwait(false);
                }

                return a => single[a.NmId](a);
            }

            return response.Status == HttpStatusCode.BadRequest
                ? a => a.Rejected($"Wildberries refused item {a.NmId} for promotion {promotion.Id}: {text}")
                : a => a.Retryable($"Wildberries answered the promotion upload with {(int)response.Status}: {text}");
        }

        var accepted = response.Read<PromotionUploadResponse>().Data
            ?? throw new WildberriesApiException($"Wildberries answered {response.Endpoint} without an upload id.");
        var outcome = await poller.WaitAsync(accepted.UploadId, buffered: startsLater, cancellationToken).ConfigureAwait(false);
        var note = startsLater ? $"Wildberries holds the entry until promotion {promotion.Id} starts." : null;
        return a => a.FromUpload(outcome, note);
    }

    public static long? ParseId(string? id)
    {
        var text = id?.StartsWith(WildberriesCatalog.PromotionPrefix, StringComparison.Ordinal) == true ? id[WildberriesCatalog.PromotionPrefix.Length..] : id;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
    }
}
