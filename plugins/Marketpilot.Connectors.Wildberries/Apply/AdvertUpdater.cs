using System.Globalization;
using System.Net;
using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Pull;
using Marketpilot.Connectors.Wildberries.Wire;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Apply;

/// <summary>
/// Pauses and resumes ad campaigns (<c>/adv/v0/pause</c>, <c>/adv/v0/start</c>: state-setting, a 422 "status not changed"
/// means it already is) and changes an article's bid in a campaign (<c>PATCH /api/advert/v1/bids</c>, kopecks, at most 50
/// articles per campaign per request).
/// </summary>
internal sealed class AdvertUpdater(WildberriesApi api, WildberriesReader reader, WildberriesCatalog catalog, WildberriesSettings settings)
{
    public const int BidItemsLimit = 50;

    public async Task<List<ActionResult>> ApplyAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken)
    {
        var adverts = (await reader.ReadAdvertsAsync(cancellationToken).ConfigureAwait(false)).ToDictionary(a => a.Id);
        var results = new List<ActionResult>();
        var switched = new Dictionary<(long, bool), string?>();
        foreach (var action in actions.Where(a => a.Request.Action is PauseAds or ResumeAds))
        {
            results.Add(await SwitchAsync(action, adverts, switched, cancellationToken).ConfigureAwait(false));
        }

        results.AddRange(await SetBidsAsync([.. actions.Where(a => a.Request.Action is SetBid)], adverts, cancellationToken).ConfigureAwait(false));
        if (actions.Count > 0)
        {
            catalog.Invalidate();
        }

        return results;
    }

    private async Task<ActionResult> SwitchAsync(PendingAction action, Dictionary<long, Advert> adverts, Dictionary<(long, bool), string?> switched, CancellationToken cancellationToken)
    {
        var pause = action.Request.Action is PauseAds;
        var campaignId = action.Request.Action is PauseAds p ? p.CampaignId : ((ResumeAds)action.Request.Action).CampaignId;
        List<Advert> targets;
        if (campaignId is not null)
        {
            if (ParseId(campaignId) is not { } id || !adverts.TryGetValue(id, out var advert))
            {
                return action.Rejected($"'{campaignId}' is not an ad campaign of this shop on Wildberries.");
            }

            targets = [advert];
        }
        else
        {
            targets = [.. adverts.Values.Where(a => (a.NmSettings ?? []).Any(n => n.NmId == action.NmId) && (pause ? a.Status == 9 : a.Status is 4 or 11)).OrderBy(a => a.Id)];
            if (targets.Count == 0)
            {
                return action.Applied($"No {(pause ? "running" : "paused")} ad campaign covers item {action.NmId}; nothing to {(pause ? "pause" : "resume")}.");
            }
        }

        var problems = new List<(bool Permanent, string Text)>();
        foreach (var advert in targets)
        {
            if (advert.Status is not (4 or 9 or 11))
            {
                problems.Add((true, $"campaign {advert.Id} has ended (status {advert.Status}) and cannot be {(pause ? "paused" : "resumed")}"));
                continue;
            }

            if (!switched.TryGetValue((advert.Id, pause), out var problem))
            {
                problem = await SwitchAsync(advert.Id, pause, cancellationToken).ConfigureAwait(false);
                switched[(advert.Id, pause)] = problem;
            }

            if (problem is not null)
            {
                problems.Add((!problem.StartsWith("retry:", StringComparison.Ordinal), problem.Replace("retry:", "", StringComparison.Ordinal)));
            }
        }

        return problems.Count == 0 ? action.Applied()
            : problems.Any(x => !x.Permanent) ? action.Retryable("Wildberries: " + string.Join("; ", problems.Select(x => x.Text)))
            : action.Rejected("Wildberries: " + string.Join("; ", problems.Select(x => x.Text)));
    }

    /// <returns><see langword="null"/> when the campaign is in the wanted state; otherwise the problem, prefixed <c>retry:</c> when it may pass.</returns>
    private async Task<string?> SwitchAsync(long advertId, bool pause, CancellationToken cancellationToken)
    {
        var path = pause ? "/adv/v0/pause" : "/adv/v0/start";
        var response = await api.GetAsync(WildberriesMethodGroup.Advert, settings.AdvertBaseUrl, $"{path}?id={advertId}", cancellationToken).ConfigureAwait(false);
        return response.Status switch
        {
            HttpStatusCode.OK or HttpStatusCode.NoContent => null,

            // "Статус кампании не изменен": the campaign already is where the action wants it (a retry after a lost answer).
            HttpStatusCode.UnprocessableEntity => null,
            HttpStatusCode.BadRequest => $"campaign {advertId}: {response.ErrorText()}",
            _ => $"retry:campaign {advertId} answered {(int)response.Status}: {response.ErrorText()}",
        };
    }

    private async Task<List<ActionResult>> SetBidsAsync(List<PendingAction> actions, Dictionary<long, Advert> adverts, CancellationToken cancellationToken)
    {
        var results = new List<ActionResult>();
        var waves = new List<List<(PendingAction Action, long AdvertId, IReadOnlyList<NmBid> Bids, string? Note)>>();
        var nextWave = new Dictionary<(long, long), int>();
        foreach (var action in actions)
        {
            var bid = (SetBid)action.Request.Action;
            if (ParseId(bid.CampaignId) is not { } id || !adverts.TryGetValue(id, out var advert))
            {
                results.Add(action.Rejected($"'{bid.CampaignId}' is not an ad campaign of this shop on Wildberries."));
                continue;
            }

            var kopecks = (long)Math.Floor(bid.Bid * 100m);
            var refusal = advert.Status is not (4 or 9 or 11) ? $"Wildberries changes bids only of campaigns that are ready, running or paused; campaign {id} has status {advert.Status}."
                : !(advert.NmSettings ?? []).Any(n => n.NmId == action.NmId) ? $"Item {action.NmId} is not in campaign {id}."
                : kopecks <= 0 ? $"The bid {bid.Bid.ToString(CultureInfo.InvariantCulture)} is less than one kopeck."
                : null;
            if (refusal is not null)
            {
                results.Add(action.Rejected(refusal));
                continue;
            }

            var note = kopecks != bid.Bid * 100m ? $"Wildberries takes bids in whole kopecks: {bid.Bid.ToString(CultureInfo.InvariantCulture)} was rounded down to {(kopecks / 100m).ToString("0.00", CultureInfo.InvariantCulture)}." : null;
            var placements = advert.BidType == "unified" ? ["combined"]
                : advert.Settings?.Placements is { } on && (on.Search || on.Recommendations)
                    ? new[] { on.Search ? "search" : null, on.Recommendations ? "recommendations" : null }.OfType<string>().ToArray()
                    : ["search"];
            var wave = nextWave.GetValueOrDefault((id, action.NmId));
            nextWave[(id, action.NmId)] = wave + 1;
            while (waves.Count <= wave)
            {
                waves.Add([]);
            }

            waves[wave].Add((action, id, [.. placements.Select(p => new NmBid(action.NmId, kopecks, p))], note));
        }

        foreach (var wave in waves)
        {
            foreach (var campaign in wave.GroupBy(w => w.AdvertId))
            {
                foreach (var chunk in campaign.Chunk(BidItemsLimit))
                {
                    results.AddRange(await PatchBidsAsync(campaign.Key, chunk, cancellationToken).ConfigureAwait(false));
                }
            }
        }

        return results;
    }

    private async Task<List<ActionResult>> PatchBidsAsync(long advertId, IReadOnlyList<(PendingAction Action, long AdvertId, IReadOnlyList<NmBid> Bids, string? Note)> items, CancellationToken cancellationToken)
    {
        var request = new BidsRequest([new AdvertBidChange(advertId, [.. items.SelectMany(i => i.Bids)])]);
        var response = await api.PatchAsync(WildberriesMethodGroup.Advert, settings.AdvertBaseUrl, "/api/advert/v1/bids", request, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccess)
        {
            return [.. items.Select(i => i.Action.Applied(i.Note))];
        }

        // A 400 ("wrong bid value: 3; min: 150") names no item: send each alone to know which one it was.
        if (response.Status == HttpStatusCode.BadRequest && items.Count > 1)
        {
            var single = new List<ActionResult>();
            foreach (var item in items)
            {
                single.AddRange(await PatchBidsAsync(advertId, [item], cancellationToken).ConfigureAwait(false));
            }

            return single;
        }

        var text = response.ErrorText();
        return response.Status == HttpStatusCode.BadRequest
            ? [.. items.Select(i => i.Action.Rejected($"Wildberries refused the bid of item {i.Action.NmId} in campaign {advertId}: {text}"))]
            : [.. items.Select(i => i.Action.Retryable($"Wildberries answered the bid change with {(int)response.Status}: {text}"))];
    }

    private static long? ParseId(string? id) => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
