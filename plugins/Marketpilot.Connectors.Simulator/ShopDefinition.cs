using System.Text.Json;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Connectors.Simulator;

/// <summary>
/// What makes a simulated shop the same shop after a restart: its catalog (seed, SKU count, shop id) and its calendar
/// (the date of day 0, the moment the connector first started, the backfill and the pace). Kept in
/// <c>&lt;state folder&gt;/shop.json</c>, written once at the first start.
/// </summary>
internal sealed record ShopDefinition(
    int Seed, int SkuCount, string ShopId, int BackfillDays, double DaysPerMinute, DateOnly StartDate, DateTimeOffset StartedAt)
{
    public const string FileName = "shop.json";

    /// <summary>A new shop from the configured options, starting <paramref name="now"/>.</summary>
    public static ShopDefinition Create(SimulatorOptions options, DateTimeOffset now) => new(
        options.Seed,
        options.SkuCount,
        options.ShopId,
        options.BackfillDays,
        options.DaysPerMinute,
        options.StartDate ?? DateOnly.FromDateTime(now.UtcDateTime).AddDays(-options.BackfillDays),
        now);

    /// <summary>Reads the definition in <paramref name="folder"/>; <see langword="null"/> when the folder has none yet.</summary>
    /// <exception cref="InvalidDataException">The file is not a shop definition.</exception>
    public static ShopDefinition? Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<ShopDefinition>(File.ReadAllBytes(path), MarketpilotJson.Options)
                ?? throw new InvalidDataException($"{path} is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path} is not a simulator shop definition: {ex.Message} Delete the state folder to start a new shop.", ex);
        }
    }

    /// <summary>Writes the definition into <paramref name="folder"/> durably: a temporary file, flushed to disk, then renamed.</summary>
    public void Write(string folder)
    {
        var path = Path.Combine(folder, FileName);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            JsonSerializer.Serialize(stream, this, MarketpilotJson.Options);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The options the shop runs with: this definition, and from <paramref name="configured"/> only what does not define the shop.</summary>
    public SimulatorOptions ToOptions(SimulatorOptions configured) => new()
    {
        Seed = Seed,
        SkuCount = SkuCount,
        ShopId = ShopId,
        BackfillDays = BackfillDays,
        DaysPerMinute = DaysPerMinute,
        StartDate = StartDate,
        StateDirectory = configured.StateDirectory,
    };

    /// <summary>The configuration keys whose configured value differs from this definition.</summary>
    public IEnumerable<string> DifferencesFrom(SimulatorOptions configured) =>
        new (bool Differs, string Key)[]
        {
            (configured.Seed != Seed, nameof(Seed)),
            (configured.SkuCount != SkuCount, nameof(SkuCount)),
            (!string.Equals(configured.ShopId, ShopId, StringComparison.Ordinal), nameof(ShopId)),
            (configured.BackfillDays != BackfillDays, nameof(BackfillDays)),
            (!configured.DaysPerMinute.Equals(DaysPerMinute), nameof(DaysPerMinute)),
            (configured.StartDate is { } date && date != StartDate, nameof(StartDate)),
        }.Where(d => d.Differs).Select(d => d.Key);
}
