using System.Reflection;
using Marketpilot.Sdk.Plugins;

namespace Marketpilot.Plugins;

/// <summary>The version of <c>Marketpilot.Sdk</c> the host runs with, from the SDK assembly's informational (package) version.</summary>
/// <remarks>
/// A plugin's manifest names the SDK it was built for (<see cref="PluginManifest.SdkVersion"/>); the host loads it only when
/// <see cref="PluginManifestRules.CheckSdkVersion"/> accepts that against <see cref="Current"/>.
/// </remarks>
public static class HostSdkVersion
{
    /// <summary>The SDK version of this host, for example <c>0.1.0</c>.</summary>
    public static Version Current { get; } = Read(typeof(IPluginServiceRegistrator).Assembly);

    // The assembly version stays 0.0.0.0 within a major, so only the informational version tells us the real one.
    internal static Version Read(Assembly sdk)
    {
        var informational = sdk.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var core = informational?.Split('+', '-')[0];
        return Version.TryParse(core, out var version) ? version : sdk.GetName().Version ?? new Version(0, 0);
    }
}
