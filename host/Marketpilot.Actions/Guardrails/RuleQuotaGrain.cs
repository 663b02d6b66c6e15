using System.Globalization;

namespace Marketpilot.Actions.Guardrails;

/// <summary>Keeps a rule's count of approved actions in a shop for a day in memory, read from the action log on activation.</summary>
/// <param name="log">The action log.</param>
public sealed class RuleQuotaGrain(IActionLog log) : Grain, IRuleQuotaGrain
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
}
