using System.Diagnostics.Metrics;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Telemetry;
using Marketpilot.Sdk.Catalog;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// The rule catalog's cluster-wide count of firings (<see cref="IRuleFiringQuota"/>), kept by the
/// <see cref="IRuleQuotaGrain"/> of the rule, shop and day. A firing past the cap is logged at Debug and counted on
/// <c>marketpilot.rules.firings.capped</c>.
/// </summary>
/// <param name="grains">Reaches the quota grains.</param>
/// <param name="logger">The logger.</param>
public sealed partial class RuleQuotaFirings(IGrainFactory grains, ILogger<RuleQuotaFirings> logger) : IRuleFiringQuota
{
    private static readonly Meter Meter = new(RuleMetrics.MeterName);
    private static readonly Counter<long> Capped = Meter.CreateCounter<long>(
        "marketpilot.rules.firings.capped", description: "Firings of a rule dropped because the rule reached its @max-firings-per-day in the shop.");

    /// <inheritdoc/>
    public async Task<bool> TryTakeAsync(RuleDescriptor rule, SkuKey sku, DateTimeOffset at, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);

        var key = IRuleQuotaGrain.KeyOf(rule.Id, sku.Marketplace, sku.ShopId, DateOnly.FromDateTime(at.UtcDateTime));
        var (granted, before) = await grains.GetGrain<IRuleQuotaGrain>(key).TakeFiringAsync(limit).WaitAsync(cancellationToken);
        if (!granted)
        {
            Capped.Add(1, new KeyValuePair<string, object?>("rule", rule.Id));
            LogCapped(rule.Id, sku.ToString(), before, limit);
        }

        return granted;
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule {RuleId} on {Sku} skipped: it already fired {Firings} times in the shop today, its @max-firings-per-day is {Limit}; nothing proposed")]
    private partial void LogCapped(string ruleId, string sku, int firings, int limit);
}
