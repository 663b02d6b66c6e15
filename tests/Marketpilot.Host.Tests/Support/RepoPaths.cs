using System.Reflection;

namespace Marketpilot.Host.Tests.Support;

/// <summary>Where things are in the repository and where the host was built.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Scripts => Path.Combine(Root, "scripts");

    public static string Configuration { get; } =
        typeof(RepoPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string HostDll => Path.Combine(Root, "host", "Marketpilot.Host", "bin", Configuration, "net10.0", "marketpilot.dll");

    /// <summary>The plugins folder next to the built executable, where the host's build publishes every bundled plugin.</summary>
    public static string BundledPlugins => Path.Combine(Path.GetDirectoryName(HostDll)!, "plugins");

    /// <summary>Every bundled plugin: its folder and the id in its manifest, read from <see cref="BundledPlugins"/>.</summary>
    public static IEnumerable<(string Folder, string Id)> BundledPluginFolders() =>
        Directory.GetDirectories(BundledPlugins).Order(StringComparer.Ordinal).Select(folder =>
            (folder, System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "plugin.json"))).RootElement.GetProperty("id").GetString()!));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Host.sln not found above {AppContext.BaseDirectory}");
    }
}
