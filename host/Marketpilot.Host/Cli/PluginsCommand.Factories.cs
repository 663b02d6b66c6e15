using System.Reflection;
using Marketpilot.Plugins;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Cli;

/// <summary><c>plugins verify</c> on a plugin that serves shops through an <see cref="IMarketplaceConnectorFactory"/>.</summary>
public static partial class PluginsCommand
{
    private const string NoShopReason =
        "calls the marketplace: pass --shop-settings <file.json> with Settings and Credentials pointing at a test shop or an emulator";

    private static async Task<List<ConformanceCheckResult>> CheckFactoriesAsync(
        PluginFactories factories, ShopConnection? shop, VerifyChoices choices, CancellationToken cancellationToken)
    {
        var results = new List<ConformanceCheckResult>();
        foreach (var factory in factories.Factories)
        {
            // A shop sells in its marketplace's currency unless it names another, as in Marketpilot:Shops.
            var currency = ShopCurrencies.DefaultFor(factory.Marketplace) ?? "XXX";
            var options = new ConnectorFactoryConformanceOptions
            {
                Shop = shop is { Currency: "" } ? shop with { Currency = currency } : shop,
                Currency = currency,
                Connector = new ConnectorConformanceOptions { IncludeApplyChecks = !choices.NoApply },
                NoShopReason = NoShopReason,
            };
            var prefix = factories.Factories.Count > 1 ? $"{factory.Marketplace}:" : "";
            foreach (var result in await new ConnectorFactoryConformance(factory, options).RunAllAsync(cancellationToken))
            {
                results.Add(result with { Name = prefix + result.Name });
            }
        }

        if (shop is not null && factories.Factories.Count == 0)
        {
            results.Add(new(ShopSettingsUsed, ConformanceOutcome.Failed, "--shop-settings was given but the plugin registers no IMarketplaceConnectorFactory to create a shop's connector with"));
        }

        return results;
    }

    /// <summary>The check that a plugin given <c>--shop-settings</c> has a connector factory to use them with.</summary>
    public const string ShopSettingsUsed = "shop-settings-used";

    /// <summary>
    /// The connector factories a plugin registers. The host's registry hands out only connectors and channels, so verify
    /// loads the plugin once more the way the registry does (its own unloadable context, the SDK shared, its own container)
    /// and asks that container for <see cref="IMarketplaceConnectorFactory"/>.
    /// </summary>
    private sealed class PluginFactories : IAsyncDisposable
    {
        private static readonly Type[] SharedTypes =
            [typeof(IPluginServiceRegistrator), typeof(IMarketplaceConnector), typeof(IServiceCollection), typeof(IConfiguration), typeof(ILogger), typeof(ILoggerFactory), typeof(IOptions<>), typeof(IHostedService)];

        private readonly PluginLoader? _loader;
        private readonly ServiceProvider? _services;

        private PluginFactories(PluginLoader? loader, ServiceProvider? services, IReadOnlyList<IMarketplaceConnectorFactory> factories)
        {
            _loader = loader;
            _services = services;
            Factories = factories;
        }

        public static PluginFactories None { get; } = new(null, null, []);

        public IReadOnlyList<IMarketplaceConnectorFactory> Factories { get; }

        /// <summary>Loads the plugin in <paramref name="folder"/> and resolves its factories.</summary>
        /// <exception cref="InvalidOperationException">The plugin could not be loaded or its factories not created; the message says why.</exception>
        public static PluginFactories Load(string folder, PluginManifest manifest, IConfiguration configuration, ILoggerFactory loggerFactory, string stateDirectory)
        {
            var loader = PluginLoader.CreateFromAssemblyFile(Path.Combine(folder, manifest.EntryAssembly), SharedTypes, config =>
            {
                config.IsUnloadable = true;
                config.LoadInMemory = true;
            });
            ServiceProvider? provider = null;
            try
            {
                var entry = loader.LoadDefaultAssembly();
                var registratorType = entry.GetExportedTypes().Single(t => t is { IsClass: true, IsAbstract: false } && typeof(IPluginServiceRegistrator).IsAssignableFrom(t));
                var registrator = (IPluginServiceRegistrator)Activator.CreateInstance(registratorType)!;
                var services = new ServiceCollection();
                services.AddSingleton(loggerFactory);
                services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
                services.AddSingleton(TimeProvider.System);
                services.AddOptions();
                var section = new ConfigurationBuilder()
                    .AddConfiguration(configuration.GetSection($"{PluginOptions.SectionName}:{manifest.Id}"))
                    .AddInMemoryCollection([new(PluginHostKeys.StateDirectory, stateDirectory)])
                    .Build();
                registrator.RegisterServices(services, section);
                provider = services.BuildServiceProvider();
                return new PluginFactories(loader, provider, [.. provider.GetServices<IMarketplaceConnectorFactory>()]);
            }
            catch (Exception ex)
            {
                provider?.Dispose();
                loader.Dispose();
                var cause = ex is TargetInvocationException { InnerException: { } inner } ? inner : ex;
                throw new InvalidOperationException($"creating its connector factories threw {cause.GetType().Name}: {cause.Message}", cause);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (_services is not null)
            {
                await _services.DisposeAsync();
            }

            _loader?.Dispose();
        }
    }
}
