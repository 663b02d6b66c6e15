using Marketpilot.Actions.Connectors;
using Marketpilot.Plugins;
using Marketpilot.Scripting;

namespace Marketpilot.Host.Cli;

/// <summary>The services a CLI verb needs, wired with the same <c>AddXxx</c> methods and configuration sources as the host.</summary>
public static class CliServices
{
    /// <summary>Builds a container with configuration (appsettings.json, <c>Marketpilot__</c> environment variables) and the scripting services.</summary>
    public static ServiceProvider Build() => Build(configure: null);

    /// <summary>
    /// Builds the container of <see cref="Build()"/> plus the host's plugin loading (<c>AddMarketpilotPlugins</c>), so a
    /// verb sees the plugins exactly as the host would. Plugins load when <see cref="PluginCatalog"/> is first resolved.
    /// </summary>
    /// <param name="pluginsPath">The plugins folder (<c>--plugins</c>); <see langword="null"/> for <c>Marketpilot:Plugins:Path</c>.</param>
    /// <remarks>Dispose the provider with <c>await using</c>: the plugin registry is asynchronously disposable.</remarks>
    public static ServiceProvider BuildWithPlugins(string? pluginsPath) =>
        Build((services, configuration) => AddPlugins(services, configuration, options =>
        {
            if (!string.IsNullOrWhiteSpace(pluginsPath))
            {
                options.Path = pluginsPath;
            }
        }));

    /// <summary>
    /// Builds the container of <see cref="Build()"/> for <c>rules check</c>, <c>rules test</c> and <c>rules backtest</c>: the
    /// rule workers may read the folders of <paramref name="scriptPaths"/> (for the files they <c>#load</c>), and start one per
    /// script at most.
    /// </summary>
    /// <param name="scriptPaths">The scripts the verb compiles.</param>
    /// <param name="pluginSettings">When given, the host's plugins are loaded too, with these configuration keys over the configuration (the simulator's section, for one).</param>
    /// <remarks>Dispose the provider with <c>await using</c>: the worker pool ends its processes then.</remarks>
    public static ServiceProvider BuildForRules(IReadOnlyCollection<string> scriptPaths, IReadOnlyDictionary<string, string?>? pluginSettings = null) =>
        Build(
            (services, configuration) =>
            {
                if (pluginSettings is not null)
                {
                    AddPlugins(services, configuration, _ => { });
                }

                services.PostConfigure<ScriptingOptions>(options =>
                {
                    foreach (var folder in scriptPaths.Select(path => Path.GetDirectoryName(Path.GetFullPath(path))!).Distinct(StringComparer.Ordinal))
                    {
                        options.WorkerReadablePaths.Add(folder);
                    }

                    options.WorkerCount = Math.Clamp(scriptPaths.Count, 1, options.WorkerCount);
                });
            },
            pluginSettings);

    /// <summary>
    /// Builds the container of <see cref="BuildWithPlugins"/> for <c>demo</c>: the rules of <paramref name="scriptsPath"/>
    /// compiled and run in this process (the engine itself, no workers), and <paramref name="settings"/> over the
    /// configuration (the simulator's section, for one).
    /// </summary>
    /// <param name="scriptsPath">The scripts folder.</param>
    /// <param name="settings">Configuration keys that win over appsettings.json and the environment.</param>
    /// <remarks>Dispose the provider with <c>await using</c>.</remarks>
    public static ServiceProvider BuildForSimulation(string scriptsPath, IReadOnlyDictionary<string, string?> settings) =>
        Build(
            (services, configuration) =>
            {
                AddPlugins(services, configuration, _ => { });
                services.PostConfigure<ScriptingOptions>(options =>
                {
                    options.ScriptsPath = scriptsPath;
                    options.Isolation = Scripting.Workers.RuleIsolation.InProcess;
                    options.WatchForChanges = false;
                });
            },
            settings);

    // The host's plugin loading and its one connector lookup, so a verb finds a connector as the silo would.
    private static void AddPlugins(IServiceCollection services, IConfiguration configuration, Action<PluginOptions> configure)
    {
        services.AddMarketpilotPlugins(configuration, configure);
        services.AddSingleton<ConnectorDirectory>();
    }

    /// <summary>The configuration the verbs read: the host's appsettings.json and the environment variables (<c>Marketpilot__...</c>).</summary>
    public static IConfiguration Configuration() => Configuration(null);

    private static IConfiguration Configuration(IReadOnlyDictionary<string, string?>? settings) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddInMemoryCollection(settings ?? new Dictionary<string, string?>())
        .Build();

    private static ServiceProvider Build(Action<IServiceCollection, IConfiguration>? configure, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var configuration = Configuration(settings);
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMarketpilotScripting(configuration);
        configure?.Invoke(services, configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
