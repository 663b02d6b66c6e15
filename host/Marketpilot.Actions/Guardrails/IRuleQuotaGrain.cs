namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// Counts one rule's approved actions in one shop on one UTC day across all its SKUs, for
/// <see cref="GuardrailSettings.MaxActionsPerRulePerDay"/> (key <see cref="KeyOf"/>). It starts from what the action log
/// holds for the day, so a restart never resets the count. It also counts the rule's firings there that day, for the
/// header's <c>@max-firings-per-day</c>, in grain storage.
/// </summary>
public interface IRuleQuotaGrain : IGrainWithStringKey
{
    /// <summary>The grain key.</summary>
    /// <param name="ruleId">The rule.</param>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <param name="day">The UTC day.</param>
    /// <returns>The key.</returns>
    static string KeyOf(string ruleId, string marketplace, string shopId, DateOnly day) =>
        $"{day:yyyy-MM-dd}|{marketplace.ToLowerInvariant()}|{shopId}|{ruleId}";

    /// <summary>Takes up to <paramref name="count"/> actions from the day's allowance.</summary>
    /// <param name="count">How many actions want approval.</param>
    /// <param name="limit">The rule's daily limit in the shop.</param>
    /// <returns>How many were granted (the first ones), and how many the rule had approved before.</returns>
    Task<(int Granted, int Before)> ReserveAsync(int count, int limit);

    /// <summary>Takes one firing from the day's allowance of firings; a granted one is stored before the call returns.</summary>
    /// <param name="limit">The rule's daily limit of firings in the shop.</param>
    /// <returns>Whether the firing was granted, and how many the rule had fired before.</returns>
    Task<(bool Granted, int Before)> TakeFiringAsync(int limit);
}
