using System.Text.Json;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Connectors.Ozon.State;

/// <summary>
/// Mirrors Ozon's brake of 10 price changes per product per hour: counts the changes this connector sent per
/// <c>offer_id</c> in <c>&lt;state folder&gt;/price-changes.json</c>, so the 11th is refused before it is sent and the count
/// survives a restart.
/// </summary>
/// <remarks>Thread-safe. Reservations are written (fsynced, replaced atomically) before the prices are sent: a change Ozon may have counted is never forgotten.</remarks>
internal sealed class PriceChangeBudget
{
    public const string FileName = "price-changes.json";
    private static readonly TimeSpan Window = TimeSpan.FromHours(1);

    private readonly Lock _gate = new();
    private readonly string _path;
    private readonly int _perHour;
    private readonly TimeProvider _time;
    private readonly Dictionary<string, List<DateTimeOffset>> _changes;

    public PriceChangeBudget(string folder, int perHour, TimeProvider time)
    {
        (_path, _perHour, _time) = (Path.Combine(folder, FileName), perHour, time);
        try
        {
            _changes = File.Exists(_path)
                ? JsonSerializer.Deserialize<Dictionary<string, List<DateTimeOffset>>>(File.ReadAllText(_path), MarketpilotJson.Options) ?? []
                : [];
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{_path} is not the connector's price-change count ({ex.Message}); delete it only if no price was changed in the last hour.", ex);
        }
    }

    /// <summary>Reserves one change of <paramref name="offerId"/>'s price; <see langword="null"/> when reserved, otherwise why not.</summary>
    /// <remarks>Call <see cref="Save"/> after the reservations of a batch, before sending it.</remarks>
    public string? TryReserve(string offerId)
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var recent = _changes.TryGetValue(offerId, out var list) ? list : _changes[offerId] = [];
            recent.RemoveAll(at => now - at >= Window);
            if (recent.Count >= _perHour)
            {
                var next = recent.Min() + Window;
                return $"Ozon allows {_perHour} price changes per product per hour; {offerId} had {recent.Count} since {recent.Min():HH:mm} UTC, the next is possible after {next:HH:mm} UTC";
            }

            recent.Add(now);
            return null;
        }
    }

    /// <summary>Writes the counts to disk, replacing the file atomically.</summary>
    public void Save()
    {
        lock (_gate)
        {
            var now = _time.GetUtcNow();
            var live = _changes.Where(p => p.Value.Any(at => now - at < Window)).ToDictionary(p => p.Key, p => p.Value);
            var temporary = _path + ".tmp";
            using (var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
            {
                JsonSerializer.Serialize(file, live, MarketpilotJson.Options);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, _path, overwrite: true);
        }
    }
}
