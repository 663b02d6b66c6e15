using System.Reflection;
using System.Runtime.Loader;
using McMaster.NETCore.Plugins;

namespace Marketpilot.Plugins;

/// <summary>Unloading a plugin so that its load context can really be collected.</summary>
internal static class PluginLoaderExtensions
{
    /// <summary>
    /// Unloads the plugin's load context, then removes its types from <see cref="FrameworkTypeCaches">the framework's
    /// caches</see>; the plugin's code must not run any more.
    /// </summary>
    /// <param name="loader">The plugin's loader.</param>
    /// <param name="context">Its load context; <see langword="null"/> when its entry assembly never loaded.</param>
    public static void Unload(this PluginLoader loader, AssemblyLoadContext? context)
    {
        IReadOnlyCollection<Assembly> assemblies = context?.Assemblies.ToList() ?? [];
        loader.Dispose();
        FrameworkTypeCaches.Forget(assemblies);
    }
}
