using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Pull;
using Marketpilot.Connectors.Ozon.State;
using Marketpilot.Connectors.Ozon.Wire;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Apply;

/// <summary>
/// Applies <see cref="SetPrice"/> through <c>/v1/product/import/prices</c> (prices as strings, at most 1000 per call), after
/// mirroring Ozon's brakes: a price under the product's <c>min_price</c>, a raise of a product in a frozen promotion, or an
/// 11th change of a product within an hour, is refused before it is sent. Each call is marked in the ledger before it
/// leaves; when it goes unanswered, the next attempt reads the product's price first and counts a price already at the
/// target as applied, so an import Ozon ran but never confirmed is not run twice.
/// </summary>
internal sealed class PriceWriter(
    SellerApi seller, ProductLookup products, CycleDataReader cycles, PriceChangeBudget budget, ActionLedger ledger, OzonShopOptions shop, OzonQuotas quotas,
    SecretRedactor redactor, TimeProvider time)
{
    // Per-item codes that say "not now" rather than "never" (marketplace-apis.md §1.2, §1.5).
    private static readonly HashSet<string> TransientCodes = new(StringComparer.OrdinalIgnoreCase) { "TOO_MANY_REQUESTS", "INTERNAL_ERROR", "internal", "timeout", "UNAVAILABLE" };

    public async Task<List<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> requests, CancellationToken ct)
    {
        var results = new List<ActionResult>();
        var known = await products.ByOfferIdAsync(requests.Select(r => r.Sku.Sku), ct).ConfigureAwait(false);
        var membership = await cycles.ReadPromotionsAsync(ct).ConfigureAwait(false);
        var toSend = new List<(ActionRequest Request, decimal Price)>();
        foreach (var request in requests)
        {
            var price = decimal.Round(((SetPrice)request.Action).Price, 2, MidpointRounding.AwayFromZero);
            if (ledger.WasSentUnanswered(request.IdempotencyKey) && known.TryGetValue(request.Sku.Sku, out var current) && OzonMoney.ParsePrice(current.Price) == price)
            {
                results.Add(ActionOutcome.Applied(request));
                continue;
            }

            var refusal = price <= 0 ? $"the price {price} is not positive"
                : !known.TryGetValue(request.Sku.Sku, out var info) ? ProductLookup.Unknown(request.Sku.Sku)
                : OzonMoney.ParsePrice(info.MinPrice) is > 0 and var min && price < min ? $"the price {OzonMoney.ToPriceString(price)} is under the product's Ozon min_price {OzonMoney.ToPriceString(min)}; Ozon would refuse it"
                : price > OzonMoney.ParsePrice(info.Price) && membership.FrozenFor(info.Id) is [var frozen, ..] ? $"{request.Sku.Sku} is in Ozon promotion {frozen.Id}, frozen since {frozen.FreezeDate}: Ozon lets its price fall but not rise until the promotion ends"
                : budget.TryReserve(request.Sku.Sku);
            if (refusal is null)
            {
                toSend.Add((request, price));
            }
            else
            {
                results.Add(ActionOutcome.Rejected(request, refusal));
            }
        }

        budget.Save();
        foreach (var round in Rounds(toSend))
        {
            foreach (var chunk in round.Chunk(quotas.PriceBatchSize))
            {
                ledger.MarkSent([.. chunk.Select(c => (c.Request.IdempotencyKey, c.Request.Sku.Sku))], time.GetUtcNow());
                PriceImportResponse answer;
                try
                {
                    answer = await seller.ImportPricesAsync([.. chunk.Select(c => new PriceImportItem(c.Request.Sku.Sku, OzonMoney.ToPriceString(c.Price), shop.Currency))], ct).ConfigureAwait(false);
                }
                catch (OzonApiException ex) when (ex.IsOutcomeUnknown)
                {
                    results.AddRange(chunk.Select(c => ActionOutcome.Retry(c.Request, $"Ozon did not confirm the price import ({ex.Message}); its price is read back before it is sent again")));
                    continue;
                }

                var byOffer = answer.Result.GroupBy(r => r.OfferId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
                results.AddRange(chunk.Select(c => Outcome(c.Request, byOffer.GetValueOrDefault(c.Request.Sku.Sku))));
            }
        }

        return results;
    }

    /// <summary>Splits the batch so no call carries the same product twice: Ozon answers per offer id.</summary>
    private static IEnumerable<List<(ActionRequest Request, decimal Price)>> Rounds(List<(ActionRequest Request, decimal Price)> items) =>
        items.GroupBy(i => i.Request.Sku.Sku, StringComparer.Ordinal)
            .SelectMany(g => g.Select((item, index) => (item, index)))
            .GroupBy(p => p.index)
            .OrderBy(g => g.Key)
            .Select(g => g.Select(p => p.item).ToList());

    private ActionResult Outcome(ActionRequest request, PriceImportResult? result)
    {
        if (result is null)
        {
            return ActionOutcome.Retry(request, $"Ozon's answer to the price import did not mention offer_id '{request.Sku.Sku}'");
        }

        if (result.Updated && result.Errors is not { Count: > 0 })
        {
            return ActionOutcome.Applied(request);
        }

        var errors = result.Errors ?? [];
        var text = string.Join("; ", errors.Select(e => $"{e.Code}: {redactor.Redact(e.Message)}"));
        return errors.Count > 0 && errors.All(e => e.Code is not null && TransientCodes.Contains(e.Code))
            ? ActionOutcome.Retry(request, $"Ozon did not update the price yet ({text})")
            : ActionOutcome.Rejected(request, $"Ozon refused the price ({(text.Length > 0 ? text : "updated: false without a reason")})");
    }
}
