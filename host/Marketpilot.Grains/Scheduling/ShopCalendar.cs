using Marketpilot.Plugins.Shops;
using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// The time zone each shop's calendar runs in (<c>Marketpilot:Shops:n:TimeZone</c>): cron triggers fire at the shop's
/// local time. A shop that is not configured (the simulator's, one that only posts snapshots) runs on UTC.
/// </summary>
public sealed class ShopCalendar
{
    private readonly Dictionary<(string Marketplace, string ShopId), TimeZoneInfo> _zones;

    /// <summary>Reads the zones of the configured shops.</summary>
    /// <param name="shops">The configured shops; none when the host has no shops section.</param>
    public ShopCalendar(IOptions<ShopsOptions>? shops = null)
        : this((shops?.Value.Shops ?? []).Select(s => (s.Marketplace, s.ShopId, s.TimeZone)))
    {
    }

    /// <summary>Uses the given zones.</summary>
    /// <param name="zones">Each shop's marketplace, id and IANA time zone.</param>
    internal ShopCalendar(IEnumerable<(string Marketplace, string ShopId, string TimeZone)> zones) =>
        _zones = zones.ToDictionary(s => (s.Marketplace, s.ShopId), s => TimeZoneInfo.FindSystemTimeZoneById(s.TimeZone));

    /// <summary>The zones the configured shops use, and UTC for every other shop; each once.</summary>
    public IReadOnlyList<TimeZoneInfo> Zones => [.. _zones.Values.Append(TimeZoneInfo.Utc).DistinctBy(z => z.Id)];

    /// <summary>The time zone of a shop.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <returns>The configured zone; UTC when the shop is not configured.</returns>
    public TimeZoneInfo ZoneOf(string marketplace, string shopId) =>
        _zones.GetValueOrDefault((marketplace, shopId)) ?? TimeZoneInfo.Utc;
}
