using Marketpilot.Plugins.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Marketpilot.Plugins;

/// <summary>Adds plugin loading to the host.</summary>
public static class PluginServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="PluginRegistry"/> (also as <see cref="IPluginRegistry"/>), the live
    /// <see cref="PluginCatalog"/>, and the hosted services that load the plugins under <c>Marketpilot:Plugins:Path</c>
    /// at start and reload a plugin whose folder changes.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's root configuration; each plugin gets its section <c>Marketpilot:Plugins:&lt;id&gt;</c>.</param>
    /// <returns><paramref name="services"/>, so calls chain.</returns>
    /// <remarks>
    /// Each plugin registers its services into a container of its own (see <see cref="PluginFolderLoader"/>), not into the
    /// host's: use <see cref="IPluginRegistry"/> to reach its connectors and channels. A plugin that fails is marked
    /// <see cref="PluginStatus.Failed"/> and none of its services are used; a missing plugins folder gives an empty catalog.
    /// Settings: <see cref="PluginOptions"/> (<c>Marketpilot:Plugins</c>) and <see cref="PluginRuntimeOptions"/>
    /// (<c>Marketpilot:Plugins:Runtime</c>, validated at start). Calling this method again does nothing.
    /// </remarks>
    public static IServiceCollection AddMarketpilotPlugins(this IServiceCollection services, IConfiguration configuration) =>
        services.AddMarketpilotPlugins(configuration, _ => { });

    /// <summary>
    /// Registers plugin loading as <see cref="AddMarketpilotPlugins(IServiceCollection, IConfiguration)"/> does, with
    /// <paramref name="configure"/> applied to the options bound from <c>Marketpilot:Plugins</c>.
    /// </summary>
    /// <param name="services">The host's services.</param>
    /// <param name="configuration">The host's root configuration; each plugin gets its section <c>Marketpilot:Plugins:&lt;id&gt;</c>.</param>
    /// <param name="configure">
    /// Changes the options after binding, for example to point <see cref="PluginOptions.Path"/> elsewhere, or to give every
    /// plugin a state folder under <see cref="PluginOptions.DataPath"/> (the host sets it to its data folder).
    /// </param>
    /// <returns><paramref name="services"/>, so calls chain.</returns>
    public static IServiceCollection AddMarketpilotPlugins(
        this IServiceCollection services, IConfiguration configuration, Action<PluginOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(configure);

        if (services.Any(d => d.ServiceType == typeof(PluginRegistry)))
        {
            return services;
        }

        var path = configuration.GetSection(PluginOptions.SectionName)[nameof(PluginOptions.Path)];
        services.AddOptions<PluginOptions>().Configure(o =>
        {
            if (!string.IsNullOrWhiteSpace(path))
            {
                o.Path = path;
            }

            configure(o);
        });
        services.AddOptions<PluginRuntimeOptions>().Bind(configuration.GetSection(PluginRuntimeOptions.SectionName)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PluginRuntimeOptions>, PluginRuntimeOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<ShopsOptions>().Configure(shops => shops.Load(configuration)).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopsOptions>, ShopsOptionsValidator>());

        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<PluginRegistry>(sp, configuration));
        services.AddSingleton<IPluginRegistry>(sp => sp.GetRequiredService<PluginRegistry>());
        services.AddSingleton(sp => sp.GetRequiredService<PluginRegistry>().Catalog);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PluginCatalogReporter>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, PluginFolderWatcher>());
        return services;
    }
}
