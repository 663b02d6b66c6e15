using System.Globalization;
using Marketpilot.Connectors.Ozon.Http;
using Marketpilot.Connectors.Ozon.Pull;
using Marketpilot.Connectors.Ozon.Wire;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Apply;

/// <summary>
/// Applies the ad actions through the Performance API: <see cref="PauseAds"/> and <see cref="ResumeAds"/>
/// (<c>/deactivate</c>, <c>/activate</c>), <see cref="SetBid"/> (<c>PUT …/products</c>, bid in millionths of a rouble) and
/// <see cref="SetBudget"/> (<c>PATCH</c> of the campaign's budget).
/// </summary>
internal sealed class AdsWriter(PerformanceApi performance, CampaignReader campaigns, ProductLookup products)
{
    public async Task<List<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> requests, CancellationToken ct)
    {
        var known = (await campaigns.ListAsync(ct).ConfigureAwait(false)).ToDictionary(c => c.Id, StringComparer.Ordinal);
        var productInfo = await products.ByOfferIdAsync(requests.Select(r => r.Sku.Sku), ct).ConfigureAwait(false);
        var campaignProducts = new Dictionary<string, IReadOnlyList<CampaignProduct>>(StringComparer.Ordinal);
        var results = new List<ActionResult>();
        MarketplaceRateLimitedException? limited = null;
        foreach (var request in requests)
        {
            if (limited is not null)
            {
                // Sent now, it would only be asked to wait too: it waits with the rest, and those applied stay applied.
                results.Add(ActionOutcome.Wait(request, limited));
                continue;
            }

            try
            {
                results.Add(await ApplyOneAsync(request, known, productInfo, campaignProducts, ct).ConfigureAwait(false));
            }
            catch (MarketplaceRateLimitedException ex)
            {
                limited = ex;
                results.Add(ActionOutcome.Wait(request, ex));
            }
            catch (OzonApiException ex) when (ex.IsPermanentRefusal)
            {
                results.Add(ActionOutcome.Rejected(request, ex.Message));
            }
            catch (OzonApiException ex) when (!ex.IsAuthenticationFailure)
            {
                results.Add(ActionOutcome.Retry(request, ex.Message));
            }
        }

        return results;
    }

    private async Task<ActionResult> ApplyOneAsync(
        ActionRequest request, Dictionary<string, AdCampaign> known, Dictionary<string, ProductInfo> productInfo,
        Dictionary<string, IReadOnlyList<CampaignProduct>> campaignProducts, CancellationToken ct)
    {
        var storefrontSku = productInfo.TryGetValue(request.Sku.Sku, out var info) ? info.Sku.ToString(CultureInfo.InvariantCulture) : null;
        async Task<IReadOnlyList<CampaignProduct>> ProductsOf(string id) =>
            campaignProducts.TryGetValue(id, out var list) ? list : campaignProducts[id] = await campaigns.ProductsAsync(id, ct).ConfigureAwait(false);

        string? campaignId = request.Action switch
        {
            PauseAds pause => pause.CampaignId,
            ResumeAds resume => resume.CampaignId,
            SetBid bid => bid.CampaignId,
            SetBudget budget => budget.CampaignId,
            _ => null,
        };
        if (campaignId is not null && !known.ContainsKey(campaignId))
        {
            return ActionOutcome.Rejected(request, $"Ozon has no ad campaign '{campaignId}' in this shop");
        }

        switch (request.Action)
        {
            case PauseAds or ResumeAds:
                var pause = request.Action is PauseAds;
                var targets = new List<AdCampaign>();
                if (campaignId is not null)
                {
                    targets.Add(known[campaignId]);
                }
                else if (storefrontSku is null)
                {
                    return ActionOutcome.Rejected(request, ProductLookup.Unknown(request.Sku.Sku));
                }
                else
                {
                    foreach (var campaign in known.Values.Where(c => c.AdvObjectType == "SKU"))
                    {
                        if ((await ProductsOf(campaign.Id).ConfigureAwait(false)).Any(p => p.Sku == storefrontSku))
                        {
                            targets.Add(campaign);
                        }
                    }

                    if (targets.Count == 0)
                    {
                        return ActionOutcome.Rejected(request, $"no Ozon ad campaign advertises {request.Sku.Sku}");
                    }
                }

                foreach (var campaign in targets.Where(c => (c.State == AdCampaigns.Running) == pause))
                {
                    _ = pause
                        ? await performance.DeactivateAsync(campaign.Id, ct).ConfigureAwait(false)
                        : await performance.ActivateAsync(campaign.Id, ct).ConfigureAwait(false);
                }

                return ActionOutcome.Applied(request);

            case SetBid bid:
                if (bid.Bid <= 0)
                {
                    return ActionOutcome.Rejected(request, $"the bid {bid.Bid} is not positive");
                }

                if (storefrontSku is null || !(await ProductsOf(bid.CampaignId).ConfigureAwait(false)).Any(p => p.Sku == storefrontSku))
                {
                    return ActionOutcome.Rejected(request, $"{request.Sku.Sku} is not advertised in Ozon campaign {bid.CampaignId}; Ozon sets bids per SKU in a campaign");
                }

                await performance.SetBidsAsync(bid.CampaignId, new CampaignBidsRequest([new CampaignBid(storefrontSku, OzonMoney.ToMicroString(bid.Bid))]), ct).ConfigureAwait(false);
                return ActionOutcome.Applied(request);

            case SetBudget budget:
                if (budget.Budget < 0)
                {
                    return ActionOutcome.Rejected(request, $"the budget {budget.Budget} is negative");
                }

                // Ozon keeps a campaign on the budget period it was created with; weekly is the only one for new campaigns.
                var patch = AdCampaigns.HasDailyBudget(known[budget.CampaignId])
                    ? new CampaignBudgetPatch(DailyBudget: OzonMoney.ToMicroString(budget.Budget))
                    : new CampaignBudgetPatch(WeeklyBudget: OzonMoney.ToMicroString(budget.Budget * 7));
                await performance.PatchBudgetAsync(budget.CampaignId, patch, ct).ConfigureAwait(false);
                return ActionOutcome.Applied(request);

            default:
                return ActionOutcome.Rejected(request, $"{request.Action.Kind} is not an ad action");
        }
    }
}
