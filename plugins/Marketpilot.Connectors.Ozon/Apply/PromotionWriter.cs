using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Pull;
using Marketpilot.Connectors.Ozon.Wire;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Apply;

/// <summary>
/// Applies <see cref="AddToPromo"/> (<c>/v1/actions/products/activate</c>, at the promotion's <c>max_action_price</c> for the
/// product) and <see cref="RemoveFromPromo"/> (<c>/v1/actions/products/deactivate</c>). A promotion with a <c>freeze_date</c>
/// no longer lets products leave, so such a removal is refused before it is sent.
/// </summary>
internal sealed class PromotionWriter(SellerApi seller, ProductLookup products, CycleDataReader cycles, SecretRedactor redactor)
{
    public async Task<List<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> requests, CancellationToken ct)
    {
        var results = new List<ActionResult>();
        var known = await products.ByOfferIdAsync(requests.Select(r => r.Sku.Sku), ct).ConfigureAwait(false);
        var membership = await cycles.ReadPromotionsAsync(ct).ConfigureAwait(false);
        var adds = new List<(ActionRequest Request, long ProductId, Promotion Promotion)>();
        var removals = new List<(ActionRequest Request, long ProductId, IReadOnlyList<Promotion> From)>();
        foreach (var request in requests)
        {
            if (!known.TryGetValue(request.Sku.Sku, out var product))
            {
                results.Add(ActionOutcome.Rejected(request, ProductLookup.Unknown(request.Sku.Sku)));
                continue;
            }

            var memberOf = membership.Of(product.Id);
            switch (request.Action)
            {
                case AddToPromo add when membership.Find(add.PromotionId) is not { } promotion:
                    results.Add(ActionOutcome.Rejected(request, $"Ozon has no promotion '{add.PromotionId}' open to this shop"));
                    break;
                case AddToPromo add when memberOf.Contains(add.PromotionId):
                    results.Add(ActionOutcome.Applied(request));
                    break;
                case AddToPromo add:
                    adds.Add((request, product.Id, membership.Find(add.PromotionId)!));
                    break;
                case RemoveFromPromo { PromotionId: { } id } when membership.Find(id) is null:
                    results.Add(ActionOutcome.Rejected(request, $"Ozon has no promotion '{id}' open to this shop"));
                    break;
                case RemoveFromPromo remove:
                    var from = memberOf.Where(id => remove.PromotionId is null || id == remove.PromotionId).Select(membership.Find).OfType<Promotion>().ToList();
                    var frozen = from.Where(p => p.IsFrozen).ToList();
                    if (frozen.Count > 0)
                    {
                        results.Add(ActionOutcome.Rejected(request, $"Ozon froze promotion {string.Join(", ", frozen.Select(p => $"{p.Id} on {p.FreezeDate}"))}: products can no longer leave it"));
                    }
                    else if (from.Count == 0)
                    {
                        results.Add(ActionOutcome.Applied(request));
                    }
                    else
                    {
                        removals.Add((request, product.Id, from));
                    }

                    break;
            }
        }

        results.AddRange(await AddAsync(adds, ct).ConfigureAwait(false));
        results.AddRange(await RemoveAsync(removals, ct).ConfigureAwait(false));
        return results;
    }

    private async Task<List<ActionResult>> AddAsync(List<(ActionRequest Request, long ProductId, Promotion Promotion)> adds, CancellationToken ct)
    {
        var results = new List<ActionResult>();
        foreach (var group in adds.GroupBy(a => a.Promotion.Id))
        {
            var candidates = (await cycles.ReadAllAsync(seller.PromotionCandidatesAsync, group.Key, ct).ConfigureAwait(false)).ToDictionary(c => c.Id);
            var eligible = group.Where(a => candidates.ContainsKey(a.ProductId)).ToList();
            results.AddRange(group.Where(a => !candidates.ContainsKey(a.ProductId))
                .Select(a => ActionOutcome.Rejected(a.Request, $"{a.Request.Sku.Sku} is not a candidate for Ozon promotion {group.Key}")));
            foreach (var chunk in eligible.Chunk(1000))
            {
                var items = chunk.DistinctBy(a => a.ProductId).Select(a => new PromotionActivateItem(a.ProductId, ActionPrice(candidates[a.ProductId]))).ToList();
                var answer = await seller.ActivateAsync(new PromotionActivateRequest(group.Key, items), ct).ConfigureAwait(false);
                results.AddRange(chunk.Select(a => Outcome(a.Request, a.ProductId, group.Key, answer.Result)));
            }
        }

        return results;
    }

    /// <summary>The deepest price the promotion allows the product, which is what joining it means.</summary>
    private static decimal ActionPrice(PromotionProduct candidate) => candidate.MaxActionPrice > 0 ? candidate.MaxActionPrice : candidate.ActionPrice;

    private async Task<List<ActionResult>> RemoveAsync(List<(ActionRequest Request, long ProductId, IReadOnlyList<Promotion> From)> removals, CancellationToken ct)
    {
        var failures = new Dictionary<ActionRequest, List<ActionResult>>();
        foreach (var group in removals.SelectMany(r => r.From.Select(p => (r.Request, r.ProductId, PromotionId: p.Id))).GroupBy(r => r.PromotionId))
        {
            foreach (var chunk in group.Chunk(1000))
            {
                var answer = await seller.DeactivateAsync(new PromotionDeactivateRequest(group.Key, [.. chunk.Select(c => c.ProductId).Distinct()]), ct).ConfigureAwait(false);
                foreach (var item in chunk)
                {
                    if (Outcome(item.Request, item.ProductId, group.Key, answer.Result) is { Status: not ActionResultStatus.Applied } failed)
                    {
                        (failures.TryGetValue(item.Request, out var list) ? list : failures[item.Request] = []).Add(failed);
                    }
                }
            }
        }

        // One action may leave several promotions: it is applied when it left all of them, retryable while any answer may pass.
        return [.. removals.Select(r => !failures.TryGetValue(r.Request, out var failed) ? ActionOutcome.Applied(r.Request)
            : failed.Any(f => f.Status == ActionResultStatus.RetryableFailure) ? ActionOutcome.Retry(r.Request, string.Join("; ", failed.Select(f => f.Reason)))
            : ActionOutcome.Rejected(r.Request, string.Join("; ", failed.Select(f => f.Reason))))];
    }

    private ActionResult Outcome(ActionRequest request, long productId, long promotionId, PromotionChangeResult result)
    {
        if (result.ProductIds?.Contains(productId) == true)
        {
            return ActionOutcome.Applied(request);
        }

        var rejection = result.Rejected?.FirstOrDefault(r => r.ProductId == productId);
        return rejection is not null
            ? ActionOutcome.Rejected(request, $"Ozon refused the change of promotion {promotionId} for {request.Sku.Sku}: {redactor.Redact(rejection.Reason)}")
            : ActionOutcome.Retry(request, $"Ozon's answer for promotion {promotionId} did not mention {request.Sku.Sku}");
    }
}
