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
