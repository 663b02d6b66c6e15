using System.Globalization;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Host.WebConsole;

/// <summary>How the console writes an action and a rule's scope for people: short, with the values that matter.</summary>
public static class ConsoleFormat
{
    /// <summary>The action in a few words: <c>price → 530.00</c>, <c>coupon 10% for 2 d</c>, <c>notify manager: …</c>.</summary>
    public static string Action(RuleAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var text = action switch
        {
            SetPrice price => Invariant($"price → {price.Price:0.00}"),
            AddToPromo add => $"join promotion {add.PromotionId}",
            RemoveFromPromo remove => remove.PromotionId is { } id ? $"leave promotion {id}" : "leave every promotion",
            CreateCoupon coupon => Invariant($"coupon {coupon.Discount:0.#%} for {coupon.Duration.TotalDays:0.#} d"),
            CancelCoupon cancel => $"cancel coupon {cancel.CouponId}",
            PauseAds pause => pause.CampaignId is { } id ? $"pause ads {id}" : "pause every ad",
            ResumeAds resume => resume.CampaignId is { } id ? $"resume ads {id}" : "resume every ad",
            SetBid bid => Invariant($"bid {bid.CampaignId} → {bid.Bid:0.00}"),
            SetBudget budget => Invariant($"budget {budget.CampaignId} → {budget.Budget:0.00}"),
            Notify notify => $"notify {notify.Recipient}: {notify.Message}",
            _ => action.Kind.ToString(),
        };
        return string.IsNullOrWhiteSpace(action.Reason) ? text : $"{text} ({action.Reason})";
    }

    /// <summary>The scope as its parts (<c>marketplaces ozon · SKUs A-*</c>), or <c>every SKU</c>.</summary>
    public static string Scope(RuleScope? scope)
    {
        if (scope is null)
        {
            return "every SKU";
        }

        var parts = new List<string>();
        Add(parts, "marketplaces", scope.Marketplaces);
        Add(parts, "shops", scope.Shops);
        Add(parts, "SKUs", scope.SkuPrefixes.Select(p => p + "*").ToList());
        Add(parts, "categories", scope.Categories);
        Add(parts, "tags", scope.Tags);
        if (scope.MinPrice is not null || scope.MaxPrice is not null)
        {
            parts.Add(Invariant($"price {scope.MinPrice}..{scope.MaxPrice}"));
        }

        return parts.Count == 0 ? "every SKU" : string.Join(" · ", parts);
    }

    private static void Add(List<string> parts, string name, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            parts.Add($"{name} {string.Join(", ", values)}");
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
