using System.Reflection;
using Marketpilot.Sdk.Plugins;

namespace Marketpilot.Plugins;

/// <summary>The version of <c>Marketpilot.Sdk</c> the host runs with, from the SDK assembly's informational (package) version.</summary>
internal static class HostSdkVersion
{
    public static Version Current { get; } = Read(typeof(IPluginServiceRegistrator).Assembly);

    // The assembly version stays 0.0.0.0 within a major, so only the informational version tells us the real one.
    internal static Version Read(Assembly sdk)
    {
        var informational = sdk.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        var core = informational?.Split('+', '-')[0];
        return Version.TryParse(core, out var version) ? version : sdk.GetName().Version ?? new Version(0, 0);
    }
}
