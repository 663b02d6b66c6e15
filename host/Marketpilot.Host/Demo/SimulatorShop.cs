using System.Globalization;
using Marketpilot.Actions.Connectors;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Host.Demo;

/// <summary>A fresh shop of the simulator plugin for the demo and backtests: a fixed calendar, every day ready at once, no state folder.</summary>
public static class SimulatorShop
{
    /// <summary>The simulator's configuration for a shop of <paramref name="skus"/> SKUs with <paramref name="days"/> days from <paramref name="startDate"/>.</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="skus">The number of SKUs.</param>
    /// <param name="days">How many days are ready.</param>
    /// <param name="startDate">Day 0.</param>
    /// <returns>Configuration keys for <c>CliServices.BuildForSimulation</c>.</returns>
    public static Dictionary<string, string?> Settings(int seed, int skus, int days, DateOnly startDate) => new()
    {
        ["Marketpilot:Plugins:simulator:Seed"] = seed.ToString(CultureInfo.InvariantCulture),
        ["Marketpilot:Plugins:simulator:SkuCount"] = skus.ToString(CultureInfo.InvariantCulture),
        ["Marketpilot:Plugins:simulator:ShopId"] = "demo",
        ["Marketpilot:Plugins:simulator:BackfillDays"] = days.ToString(CultureInfo.InvariantCulture),
        ["Marketpilot:Plugins:simulator:StartDate"] = startDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
    };

    /// <summary>The loaded simulator connector, or <see langword="null"/> with the reason printed when the plugin did not load.</summary>
    /// <param name="services">The container of <c>CliServices.BuildForSimulation</c>.</param>
    /// <returns>The connector.</returns>
    public static IMarketplaceConnector? Connector(IServiceProvider services)
    {
        var simulator = services.GetRequiredService<ConnectorDirectory>().Find(Marketplaces.Simulator, shopId: null);
        if (simulator is null)
        {
            Console.Error.WriteLine("error: the simulator plugin did not load; `marketpilot plugins list` says why");
        }

        return simulator;
    }

    /// <summary>Pulls the next day; the first pull may come a moment before the simulator's clock has made the days ready.</summary>
    /// <param name="simulator">The connector.</param>
    /// <param name="cursor">The cursor of the day.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The day's page.</returns>
    public static async Task<CatalogPage> PullDayAsync(IMarketplaceConnector simulator, string? cursor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        for (var attempt = 0; ; attempt++)
        {
            var page = await simulator.PullAsync(cursor, cancellationToken);
            if (page.Skus.Count > 0 || attempt == 100)
            {
                return page;
            }

            await Task.Delay(10, cancellationToken);
        }
    }
}
