using System.Globalization;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Simulator;

/// <summary>The synthetic shop the simulator plays. Bound to <c>Marketpilot:Plugins:simulator</c>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>The seed of every random choice; the same seed and the same actions give the same data.</summary>
    /// <value>The default is 42.</value>
    public int Seed { get; set; } = 42;

    /// <summary>How many SKUs the shop lists.</summary>
    /// <value>The default is 200; from 1 to 100,000.</value>
    public int SkuCount { get; set; } = 200;

    /// <summary>The shop id stamped on every snapshot.</summary>
    /// <value>The default is <c>demo</c>.</value>
    public string ShopId { get; set; } = "demo";

    /// <summary>How many simulated days pass per real minute once the connector runs.</summary>
    /// <value>The default is 6 (a new day every 10 seconds); greater than 0.</value>
    public double DaysPerMinute { get; set; } = 6;

    /// <summary>How many days of history are ready when the connector starts, so 7- and 30-day windows have data.</summary>
    /// <value>The default is 30; from 0 to 3,650.</value>
    public int BackfillDays { get; set; } = 30;

    /// <summary>The date of simulated day 0.</summary>
    /// <value>The default, <see langword="null"/>, means today (UTC, when the connector starts) minus <see cref="BackfillDays"/>.</value>
    public DateOnly? StartDate { get; set; }

    /// <summary>
    /// The folder that keeps the shop across restarts (<c>shop.json</c>: its catalog and calendar, fixed at the first
    /// start) and every action delivered to it (<c>ledger.jsonl</c>). The host sets it (<see cref="PluginHostKeys.StateDirectory"/>).
    /// </summary>
    /// <value>The default, <see langword="null"/>, keeps everything in memory: a new instance is a new shop that has applied nothing.</value>
    public string? StateDirectory { get; set; }

    /// <summary>Throws when a value is out of range, naming its configuration key.</summary>
    /// <exception cref="ArgumentException">A value is out of range.</exception>
    public void Validate()
    {
        Check(SkuCount is >= 1 and <= 100_000, nameof(SkuCount), "must be from 1 to 100000");
        Check(!string.IsNullOrWhiteSpace(ShopId), nameof(ShopId), "must not be empty");
        Check(DaysPerMinute > 0 && double.IsFinite(DaysPerMinute), nameof(DaysPerMinute), "must be greater than 0");
        Check(BackfillDays is >= 0 and <= 3650, nameof(BackfillDays), "must be from 0 to 3650");
    }

    // The plugin reads its section by hand: the configuration binder would be one more assembly to ship.
    internal static SimulatorOptions FromConfiguration(IConfiguration section)
    {
        var options = new SimulatorOptions();
        options.Seed = Read(section, nameof(Seed), options.Seed, s => int.Parse(s, CultureInfo.InvariantCulture));
        options.SkuCount = Read(section, nameof(SkuCount), options.SkuCount, s => int.Parse(s, CultureInfo.InvariantCulture));
        options.ShopId = section[nameof(ShopId)] ?? options.ShopId;
        options.DaysPerMinute = Read(section, nameof(DaysPerMinute), options.DaysPerMinute, s => double.Parse(s, CultureInfo.InvariantCulture));
        options.BackfillDays = Read(section, nameof(BackfillDays), options.BackfillDays, s => int.Parse(s, CultureInfo.InvariantCulture));
        options.StartDate = Read(section, nameof(StartDate), options.StartDate, s => DateOnly.Parse(s, CultureInfo.InvariantCulture));
        options.StateDirectory = string.IsNullOrWhiteSpace(section[PluginHostKeys.StateDirectory]) ? null : section[PluginHostKeys.StateDirectory];
        options.Validate();
        return options;
    }

    private static T Read<T>(IConfiguration section, string key, T fallback, Func<string, T> parse)
    {
        var text = section[key];
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        try
        {
            return parse(text);
        }
        catch (FormatException)
        {
            throw new ArgumentException($"Marketpilot:Plugins:simulator:{key} has the value '{text}', which is not a valid {typeof(T).Name}.", key);
        }
        catch (OverflowException)
        {
            throw new ArgumentException($"Marketpilot:Plugins:simulator:{key} has the value '{text}', which is out of range.", key);
        }
    }

    private static void Check(bool condition, string key, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"Marketpilot:Plugins:simulator:{key} {rule}.", key);
        }
    }
}
