using System.Globalization;
using Orleans.Providers;

namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// Keeps a rule's count of approved actions in a shop for a day in memory, read from the action log on activation, and
/// its count of firings there that day in grain storage (a firing leaves no trace of its own in the action log).
/// </summary>
/// <param name="log">The action log.</param>
/// <param name="firings">The day's firings.</param>
public sealed class RuleQuotaGrain(
    IActionLog log,
    [PersistentState("firings", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<RuleFiringCount> firings) : Grain, IRuleQuotaGrain
{
    private int _approved;

    /// <inheritdoc/>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var parts = this.GetPrimaryKeyString().Split('|', 4);
        var day = DateOnly.ParseExact(parts[0], "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var from = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        _approved = await log.CountApprovedAsync(parts[3], parts[1], parts[2], from, from.AddDays(1), cancellationToken);
    }

    /// <inheritdoc/>
    public Task<(int Granted, int Before)> ReserveAsync(int count, int limit)
    {
        var before = _approved;
        var granted = Math.Clamp(limit - _approved, 0, Math.Max(0, count));
        _approved += granted;
        return Task.FromResult((granted, before));
    }

    /// <inheritdoc/>
    public async Task<(bool Granted, int Before)> TakeFiringAsync(int limit)
    {
        var before = firings.State.Count;
        if (before >= limit)
        {
            return (false, before);
        }

        firings.State.Count = before + 1;
        await firings.WriteStateAsync();
        return (true, before);
    }
}

/// <summary>The persisted firings of a <see cref="RuleQuotaGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Actions.RuleFiringCount")]
public sealed class RuleFiringCount
{
    /// <summary>How many firings the rule had granted in the shop that day.</summary>
    [Id(0)]
    public int Count { get; set; }
}
