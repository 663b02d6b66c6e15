using Marketpilot.Sdk.Catalog;

namespace Marketpilot.Scripting.Metadata;

/// <summary>Counts a rule's firings in a shop per day, across every silo, for <see cref="RuleMetadata.MaxFiringsPerDay"/>.</summary>
public interface IRuleFiringQuota
{
    /// <summary>Takes one firing from the rule's allowance in the SKU's shop for the UTC day of <paramref name="at"/>.</summary>
    /// <param name="rule">The rule that fired.</param>
    /// <param name="sku">The SKU it fired on.</param>
    /// <param name="at">The evaluation's time (the data's calendar, as cooldowns use).</param>
    /// <param name="limit">The rule's daily allowance; positive.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns><see langword="true"/> when the firing is within the allowance; <see langword="false"/> when the day's allowance is spent.</returns>
    Task<bool> TryTakeAsync(RuleDescriptor rule, SkuKey sku, DateTimeOffset at, int limit, CancellationToken cancellationToken);
}
