using Microsoft.Extensions.DependencyInjection.Extensions;
using Marketpilot.Host.Ingestion;

namespace Marketpilot.Host.Sync;

/// <summary>Registers the connector sync loop and the ingestion it shares with the HTTP API.</summary>
public static class SyncServiceCollectionExtensions
{
    /// <summary>Adds <see cref="ConnectorSyncService"/>, bound to <c>Marketpilot:Sync</c>. Call after <c>UseOrleans</c> so the silo is up before the first pull.</summary>
    public static IServiceCollection AddConnectorSync(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptionsWithValidateOnStart<SyncOptions, SyncOptionsValidator>()
            .Bind(configuration.GetSection(SyncOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<SnapshotValidator>();
        services.AddSingleton<CatalogIngestor>();
        services.AddHostedService<ConnectorSyncService>();
        return services;
    }
}
