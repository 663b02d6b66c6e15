using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// Which occurrences of the rules' cron triggers are due. Each rule, time zone and expression is one key that remembers
/// the occurrence that last ran; a key seen for the first time starts counting then (like the hourly and daily
/// schedule), and after a gap only the latest occurrence runs.
/// </summary>
/// <param name="crons">Every loaded rule's cron schedules.</param>
/// <param name="zones">The shops' time zones (<see cref="ShopCalendar.Zones"/>).</param>
internal sealed class CronOccurrences(IReadOnlyList<(string RuleId, RuleCronSchedule Cron)> crons, IReadOnlyList<TimeZoneInfo> zones)
{
    /// <summary>Whether no rule has a cron trigger.</summary>
    public bool IsEmpty => crons.Count == 0;

    /// <summary>
    /// Brings <paramref name="completed"/> in line with the loaded rules: new keys start at <paramref name="now"/>, keys of
    /// rules or expressions that are gone are dropped.
    /// </summary>
    /// <returns><see langword="true"/> when <paramref name="completed"/> changed.</returns>
    public bool Reconcile(Dictionary<string, DateTimeOffset> completed, DateTimeOffset now)
    {
        var keys = Keys().Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        var changed = false;
        foreach (var gone in completed.Keys.Where(k => !keys.Contains(k)).ToList())
        {
            changed |= completed.Remove(gone);
        }

        foreach (var key in keys)
        {
            changed |= completed.TryAdd(key, now);
        }

        return changed;
    }

    /// <summary>
    /// The earliest due occurrence, as a sweep over the SKUs of the shops in its zone with every rule due at that same
    /// instant there.
    /// </summary>
    /// <returns>The sweep; <see langword="null"/> when nothing is due.</returns>
    public RuleSweep? NextDue(IReadOnlyDictionary<string, DateTimeOffset> completed, DateTimeOffset now)
    {
        var due = Keys()
            .Select(k => (k.Key, k.RuleId, k.Zone, At: completed.TryGetValue(k.Key, out var last) ? k.Cron.LatestDue(last, now, k.Zone) : null))
            .Where(k => k.At is not null)
            .ToList();
        if (due.Count == 0)
        {
            return null;
        }

        var first = due.MinBy(d => (d.At!.Value.UtcTicks, d.Zone.Id))!;
        var group = due.Where(d => d.At == first.At && d.Zone.Id == first.Zone.Id).ToList();
        return new RuleSweep
        {
            Trigger = RuleTrigger.Cron,
            ScheduledAt = first.At!.Value,
            StartedAt = now,
            Zone = first.Zone.Id,
            RuleIds = [.. group.Select(g => g.RuleId).Distinct(StringComparer.Ordinal)],
            CronKeys = [.. group.Select(g => g.Key)],
        };
    }

    /// <summary>Whether a later occurrence of one of <paramref name="sweep"/>'s keys is due: the sweep is overtaken.</summary>
    public bool IsOvertaken(RuleSweep sweep, DateTimeOffset now)
    {
        var keys = sweep.CronKeys?.ToHashSet(StringComparer.Ordinal) ?? [];
        return Keys().Any(k => keys.Contains(k.Key) && k.Cron.LatestDue(sweep.ScheduledAt, now, k.Zone) is not null);
    }

    private IEnumerable<(string Key, string RuleId, TimeZoneInfo Zone, RuleCronSchedule Cron)> Keys() =>
        from c in crons
        from zone in zones
        select ($"{c.RuleId}|{zone.Id}|{c.Cron.Expression}", c.RuleId, zone, c.Cron);
}
