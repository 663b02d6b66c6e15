using System.Reflection;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using McMaster.NETCore.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Plugins;

/// <summary>Loads every plugin folder under the plugins path into the host's service collection.</summary>
/// <remarks>
/// A plugin is isolated in its own load context and shares only the SDK and the Microsoft.Extensions
/// abstractions with the host. Whatever goes wrong with one plugin marks it failed and the next one loads.
/// </remarks>
internal static class PluginFolderLoader
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

    public static PluginCatalog LoadAll(IServiceCollection services, IConfiguration configuration, string pluginsPath, Version hostSdkVersion)
    {
        if (!Directory.Exists(pluginsPath))
        {
            return new PluginCatalog(pluginsPath, folderExists: false, []);
        }

        var plugins = new List<PluginInfo>();
        var loadedIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in Directory.GetDirectories(pluginsPath).Order(StringComparer.Ordinal))
        {
            var info = LoadOne(services, configuration, folder, hostSdkVersion, loadedIds);
            if (info.Status == PluginStatus.Loaded)
            {
                loadedIds.Add(info.Id);
            }

            plugins.Add(info);
        }

        return new PluginCatalog(pluginsPath, folderExists: true, plugins);
    }

    private static PluginInfo LoadOne(
        IServiceCollection services, IConfiguration configuration, string folder, Version hostSdkVersion, HashSet<string> loadedIds)
    {
        var folderName = Path.GetFileName(folder);
        var manifest = PluginManifest.Read(folder, out var readFailure);
        if (manifest is null)
        {
            return PluginInfo.Failed(folderName, null, folder, readFailure!);
        }

        var id = PluginManifest.IsValidId(manifest.Id) ? manifest.Id : folderName;
        var version = string.IsNullOrWhiteSpace(manifest.Version) ? null : manifest.Version;
        var invalid = manifest.Validate(folder, hostSdkVersion);
        if (invalid is not null)
        {
            return PluginInfo.Failed(id, version, folder, invalid);
        }

        if (loadedIds.Contains(id))
        {
            return PluginInfo.Failed(id, version, folder, $"Another plugin with the id '{id}' is already loaded.");
        }

        PluginLoader? loader = null;
        try
        {
            loader = PluginLoader.CreateFromAssemblyFile(
                Path.Combine(folder, manifest.EntryAssembly),
                SharedTypes,
                config => config.PreferSharedTypes = true);

            var registrator = CreateRegistrator(loader.LoadDefaultAssembly(), out var noRegistrator);
            if (registrator is null)
            {
                loader.Dispose();
                return PluginInfo.Failed(id, version, folder, noRegistrator!);
            }

            List<ServiceDescriptor> added;
            try
            {
                added = Register(services, configuration.GetSection($"{PluginOptions.SectionName}:{id}"), registrator);
            }
            catch (Exception ex)
            {
                loader.Dispose();
                return PluginInfo.Failed(id, version, folder, $"{nameof(IPluginServiceRegistrator.RegisterServices)} threw {ex.GetType().Name}: {ex.Message}");
            }

            return new PluginInfo(id, version, folder, PluginStatus.Loaded, null, Describe(added, id));
        }
        catch (Exception ex)
        {
            loader?.Dispose();
            return PluginInfo.Failed(id, version, folder, Explain(ex));
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

    // The plugin registers into a copy so that TryAdd sees the host's services, and so that a plugin that
    // throws half-way leaves nothing behind. Only descriptors it added are copied back; it cannot remove ours.
    private static List<ServiceDescriptor> Register(IServiceCollection services, IConfiguration section, IPluginServiceRegistrator registrator)
    {
        IServiceCollection staging = new ServiceCollection();
        foreach (var descriptor in services)
        {
            staging.Add(descriptor);
        }

        registrator.RegisterServices(staging, section);

        var existing = new HashSet<ServiceDescriptor>(services, ReferenceEqualityComparer.Instance);
        var added = staging.Where(d => !existing.Contains(d)).ToList();
        foreach (var descriptor in added)
        {
            services.Add(descriptor);
        }

        return added;
    }

    private static List<string> Describe(List<ServiceDescriptor> added, string pluginId)
    {
        var provides = new List<string>();
        foreach (var descriptor in added.Where(d => !d.IsKeyedService))
        {
            if (descriptor.ServiceType == typeof(IMarketplaceConnector))
            {
                provides.Add($"connector:{(descriptor.ImplementationInstance as IMarketplaceConnector)?.Marketplace ?? pluginId}");
            }
            else if (descriptor.ServiceType == typeof(INotificationChannel))
            {
                provides.Add($"channel:{(descriptor.ImplementationInstance as INotificationChannel)?.Name ?? pluginId}");
            }
        }

        return provides.Distinct(StringComparer.Ordinal).ToList();
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
