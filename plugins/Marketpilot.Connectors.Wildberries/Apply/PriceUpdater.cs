using System.Net;
using Marketpilot.Connectors.Wildberries.Http;
using Marketpilot.Connectors.Wildberries.Pull;
using Marketpilot.Connectors.Wildberries.Wire;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Apply;

/// <summary>
/// Applies price changes through WB's async upload: read the current prices, refuse what WB would quarantine, upload at
/// most 1,000 articles at a time (a second change of the same article goes in a later upload: WB refuses duplicates),
/// and poll each upload's history to its end.
/// </summary>
internal sealed class PriceUpdater(WildberriesApi api, WildberriesReader reader, UploadPoller poller, WildberriesSettings settings)
{
    public const int UploadLimit = 1000;

    public async Task<List<ActionResult>> ApplyAsync(IReadOnlyList<PendingAction> actions, CancellationToken cancellationToken)
    {
        var results = new List<ActionResult>();
        var current = await reader.ReadPricesAsync([.. actions.Select(a => a.NmId)], cancellationToken).ConfigureAwait(false);
        var waves = new List<List<(PendingAction Action, PriceUploadItem Item, string? Note)>>();
        var nextWave = new Dictionary<long, int>();
        foreach (var action in actions)
        {
            if (!current.TryGetValue(action.NmId, out var goods) || goods.Sizes is not { Count: > 0 })
            {
                results.Add(action.Rejected($"Wildberries lists no priced item {action.NmId} (nmID) in this shop."));
                continue;
            }

            var decision = PricePlan.Decide(action.NmId, ((SetPrice)action.Request.Action).Price, goods);
            if (decision.Rejection is { } rejection)
            {
                results.Add(action.Rejected(rejection));
                continue;
            }

            if (decision.Upload is not { } item)
            {
                results.Add(action.Applied(decision.Note));
                continue;
            }

            var wave = nextWave.GetValueOrDefault(action.NmId);
            nextWave[action.NmId] = wave + 1;
            while (waves.Count <= wave)
            {
                waves.Add([]);
            }

            waves[wave].Add((action, item, decision.Note));
            current[action.NmId] = goods with { Sizes = [goods.Sizes[0] with { Price = item.Price, DiscountedPrice = decision.SellingPrice }] };
        }

        foreach (var wave in waves)
        {
            foreach (var chunk in wave.Chunk(UploadLimit))
            {
                results.AddRange(await UploadAsync(chunk, cancellationToken).ConfigureAwait(false));
            }
        }

        return results;
    }

    private async Task<List<ActionResult>> UploadAsync(IReadOnlyList<(PendingAction Action, PriceUploadItem Item, string? Note)> batch, CancellationToken cancellationToken)
    {
        var response = await api.PostAsync(WildberriesMethodGroup.Prices, settings.PricesBaseUrl, "/api/v2/upload/task",
            new PriceUploadRequest([.. batch.Select(b => b.Item)]), cancellationToken).ConfigureAwait(false);
        if (response.Status is not (HttpStatusCode.OK or HttpStatusCode.AlreadyReported))
        {
            var text = response.ErrorText();
            if (response.Status == HttpStatusCode.BadRequest && text.Contains("already set", StringComparison.OrdinalIgnoreCase) && batch.Count == 1)
            {
                return [batch[0].Action.Applied("The price was already set.")];
            }

            // A 400 names no item: send each alone, so one bad item does not take the others down.
            if (response.Status == HttpStatusCode.BadRequest && batch.Count > 1)
            {
                var one = new List<ActionResult>();
                foreach (var item in batch)
                {
                    one.AddRange(await UploadAsync([item], cancellationToken).ConfigureAwait(false));
                }

                return one;
            }

            return response.Status == HttpStatusCode.BadRequest
                ? [.. batch.Select(b => b.Action.Rejected($"Wildberries refused the price of item {b.Action.NmId}: {text}"))]
                : [.. batch.Select(b => b.Action.Retryable($"Wildberries answered the price upload with {(int)response.Status}: {text}"))];
        }

        var accepted = response.Read<UploadResponse>().Data
            ?? throw new WildberriesApiException($"Wildberries answered {response.Endpoint} without an upload id.");
        var outcome = await poller.WaitAsync(accepted.Id, buffered: false, cancellationToken).ConfigureAwait(false);
        return [.. batch.Select(b => b.Action.FromUpload(outcome, b.Note))];
    }
}
