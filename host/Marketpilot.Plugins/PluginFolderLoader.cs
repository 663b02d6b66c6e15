using System.Reflection;
using System.Runtime.Loader;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Plugins;

/// <summary>Loads one plugin folder into its own unloadable load context and its own service container.</summary>
/// <remarks>
/// A plugin shares only the SDK and the Microsoft.Extensions abstractions with the host; everything else it ships
/// (its dependencies, in whatever versions) stays private to its context. Its registrator registers into a container
/// of its own, which sees the host's <see cref="ILoggerFactory"/>, <c>ILogger&lt;T&gt;</c>, <see cref="TimeProvider"/> and the
/// options infrastructure; that is what lets the host drop and replace the plugin while it runs. When the host has a data
/// folder, the plugin's configuration also carries <see cref="PluginHostKeys.StateDirectory"/>: its own folder
/// <c>&lt;data folder&gt;/&lt;plugin id&gt;</c>, created before its registrator runs. The assemblies are
/// read into memory, so the folder is never locked and can be replaced. Whatever goes wrong marks the plugin failed.
/// The values of its secret settings (<see cref="SecretMask.IsSecretSetting"/>) are masked in every failure reason and,
/// through its <see cref="PluginGuard"/>, in what its connectors and channels throw or return as a reason.
/// </remarks>
internal sealed class PluginFolderLoader(
    IConfiguration configuration,
    string? dataPath,
    Version hostSdkVersion,
    ILoggerFactory loggerFactory,
    TimeProvider time,
    PluginRuntimeOptions options,
    PluginMetrics metrics)
{
    // The host owns these assemblies; a plugin must see the host's copies or its types will not match ours.
    private static readonly Type[] SharedTypes =
    [
        typeof(IPluginServiceRegistrator),
        typeof(IMarketplaceConnector),
        typeof(IServiceCollection),
        typeof(IConfiguration),
        typeof(ILogger),
        typeof(ILoggerFactory),
        typeof(IOptions<>),
        typeof(IHostedService),
    ];

    /// <summary>Loads the plugin in <paramref name="folder"/>.</summary>
    /// <param name="folder">The plugin's folder.</param>
    /// <param name="idTaken">Tells whether another folder's plugin already uses an id.</param>
    /// <param name="callbacks">Given the plugin's info, what to do when its breaker opens (reason, until) and closes.</param>
    /// <param name="info">What became of the plugin.</param>
    /// <returns>The loaded plugin, or <see langword="null"/> when it failed (<paramref name="info"/> says why).</returns>
    public LoadedPlugin? Load(
        string folder,
        Func<string, bool> idTaken,
        Func<PluginInfo, (Action<string, DateTimeOffset> Faulted, Action Recovered)> callbacks,
        out PluginInfo info)
    {
        var loadedAt = time.GetUtcNow();
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(folder));
        var manifest = PluginManifest.Read(folder, out var readFailure);
        if (manifest is null)
        {
            info = PluginInfo.Failed(folderName, null, folder, readFailure!) with { LoadedAt = loadedAt };
            return null;
        }

        var id = PluginManifest.IsValidId(manifest.Id) ? manifest.Id : folderName;
        var version = string.IsNullOrWhiteSpace(manifest.Version) ? null : manifest.Version;
        var kinds = manifest.Kinds ?? [];
        var settings = configuration.GetSection($"{PluginOptions.SectionName}:{id}");
        IEnumerable<string> Secrets() => SecretMask.SecretSettings(settings, manifest.Configuration);
        // A reason may quote the plugin's own exception (RegisterServices or a constructor threw), and with it a secret setting.
        PluginInfo Fail(string reason) => PluginInfo.Failed(id, version, folder, SecretMask.Scrub(reason, Secrets())) with { Kinds = kinds, LoadedAt = loadedAt };

        // Required configuration keys are checked here so a plugin missing its settings fails with a clear reason instead of at its first call.
        var invalid = manifest.Validate(folder, hostSdkVersion, settings);
        if (invalid is not null)
        {
            info = Fail(invalid);
            return null;
        }

        if (idTaken(id))
        {
            info = Fail($"Another plugin with the id '{id}' is already loaded.");
            return null;
        }

        PluginLoader? loader = null;
        AssemblyLoadContext? context = null;
        ServiceProvider? provider = null;
        try
        {
            loader = PluginLoader.CreateFromAssemblyFile(
                Path.Combine(folder, manifest.EntryAssembly),
                SharedTypes,
                config =>
                {
                    // Only the shared types' assemblies (and what they reference) come from the host; PreferSharedTypes
                    // would hand the plugin the host's copy of any library the host also has, in the host's version.
                    config.IsUnloadable = true;
                    config.LoadInMemory = true;
                });

            var entry = loader.LoadDefaultAssembly();
            context = AssemblyLoadContext.GetLoadContext(entry);
            var registrator = CreateRegistrator(entry, out var noRegistrator);
            if (registrator is null)
            {
                loader.Unload(context);
                info = Fail(noRegistrator!);
                return null;
            }

            var services = HostServices();
            var section = PluginConfiguration(id, settings);
            try
            {
                registrator.RegisterServices(services, section);
            }
            catch (Exception ex)
            {
                loader.Unload(context);
                info = Fail($"{nameof(IPluginServiceRegistrator.RegisterServices)} threw {ex.GetType().Name}: {ex.Message}");
                return null;
            }

            provider = services.BuildServiceProvider();
            IMarketplaceConnector[] connectors;
            INotificationChannel[] channels;
            IMarketplaceConnectorFactory[] factories;
            try
            {
                connectors = [.. provider.GetServices<IMarketplaceConnector>()];
                channels = [.. provider.GetServices<INotificationChannel>()];
                factories = [.. provider.GetServices<IMarketplaceConnectorFactory>()];
            }
            catch (Exception ex)
            {
                var inner = ex is TargetInvocationException { InnerException: { } wrapped } ? wrapped : ex;
                throw new PluginActivationException($"Creating its connectors and channels failed: {Explain(inner)}", inner);
            }

            var described = new PluginInfo(id, version, folder, PluginStatus.Loaded, null, []) { Kinds = kinds, LoadedAt = loadedAt };
            var (faulted, recovered) = callbacks(described);
            var guard = new PluginGuard(id, version!, options, time, metrics, loggerFactory.CreateLogger($"Marketpilot.Plugins.{id}"), faulted, recovered, Secrets);
            var guardedConnectors = connectors.Select(c => GuardedConnector.Create(c, Read(() => c.Marketplace, "Marketplace"), Read(() => c.Capabilities, "Capabilities"), guard)).ToList();
            var guardedChannels = channels.Select(c => new GuardedChannel(c, Read(() => c.Name, "Name"), guard)).ToList();
            var shopFactories = factories.Select(f => new ShopConnectorFactory(f, Read(() => f.Marketplace, "Marketplace"), guard)).ToList();
            var problems = guardedConnectors.SelectMany(c => c.Capabilities.Validate().Select(p => $"connector '{c.Marketplace}': {p}")).ToList();
            if (problems.Count > 0)
            {
                throw new PluginActivationException($"Its capabilities are not valid: {string.Join(" ", problems)}");
            }

            info = described with
            {
                Provides =
                [
                    .. guardedConnectors.Select(c => $"connector:{c.Marketplace}")
                        .Concat(shopFactories.Select(f => $"shops:{f.Marketplace}"))
                        .Concat(guardedChannels.Select(c => $"channel:{c.Name}"))
                        .Distinct(StringComparer.Ordinal),
                ],
            };
            return new LoadedPlugin(info, loader, context, provider, guard, guardedConnectors, guardedChannels) { ShopFactories = shopFactories };
        }
        catch (Exception ex)
        {
            provider?.Dispose();
            loader?.Unload(context);
            info = Fail(ex is PluginActivationException ? ex.Message : Explain(ex));
            return null;
        }
    }

    // The state folder exists before RegisterServices runs, so a plugin may open its files from its registrator or constructors.
    private IConfiguration PluginConfiguration(string id, IConfigurationSection section) =>
        dataPath is null ? section : PluginStateFolder.WithStateDirectory(section, PluginStateFolder.Create(dataPath, id));

    private ServiceCollection HostServices()
    {
        var services = new ServiceCollection();
        services.AddSingleton(loggerFactory);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(time);
        services.AddOptions();
        return services;
    }

    private static T Read<T>(Func<T> read, string property)
    {
        try
        {
            return read() ?? throw new PluginActivationException($"Its {property} is null.");
        }
        catch (Exception ex) when (ex is not PluginActivationException)
        {
            throw new PluginActivationException($"Reading its {property} threw {ex.GetType().Name}: {ex.Message}", ex);
        }
    }

    private static IPluginServiceRegistrator? CreateRegistrator(Assembly assembly, out string? reason)
    {
        var candidates = assembly.GetExportedTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IPluginServiceRegistrator).IsAssignableFrom(t))
            .ToList();

        if (candidates.Count == 0)
        {
            var lookalike = assembly.GetExportedTypes()
                .SelectMany(t => t.GetInterfaces())
                .FirstOrDefault(i => i.FullName == typeof(IPluginServiceRegistrator).FullName);
            reason = lookalike is null
                ? $"{assembly.GetName().Name} has no public class that implements {nameof(IPluginServiceRegistrator)}."
                : $"{assembly.GetName().Name} implements {nameof(IPluginServiceRegistrator)} from its own copy of Marketpilot.Sdk ({lookalike.Assembly.Location}); build it against the host's SDK and do not ship Marketpilot.Sdk.dll.";
            return null;
        }

        if (candidates.Count > 1)
        {
            reason = $"{assembly.GetName().Name} has {candidates.Count} {nameof(IPluginServiceRegistrator)} classes ({string.Join(", ", candidates.Select(t => t.FullName))}); a plugin has exactly one.";
            return null;
        }

        var type = candidates[0];
        if (type.GetConstructor(Type.EmptyTypes) is null)
        {
            reason = $"{type.FullName} has no public parameterless constructor.";
            return null;
        }

        reason = null;
        return (IPluginServiceRegistrator)Activator.CreateInstance(type)!;
    }

    private static string Explain(Exception ex) => ex switch
    {
        TargetInvocationException { InnerException: { } inner } => $"Its constructor threw {inner.GetType().Name}: {inner.Message}",
        ReflectionTypeLoadException rtl => $"Some of its types could not be loaded: {rtl.LoaderExceptions.FirstOrDefault(e => e is not null)?.Message ?? rtl.Message}",
        FileNotFoundException fnf => $"A dependency is missing: {fnf.FileName ?? fnf.Message}",
        BadImageFormatException bad => $"'{Path.GetFileName(bad.FileName) ?? "an assembly"}' is not a valid .NET assembly for this host: {bad.Message}",
        FileLoadException load => $"An assembly could not be loaded: {load.FileName ?? load.Message}: {load.Message}",
        TypeLoadException type => $"A type could not be loaded: {type.TypeName}: {type.Message}",
        _ => $"{ex.GetType().Name}: {ex.Message}",
    };
}
