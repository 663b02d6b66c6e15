using System.Reflection;

namespace Marketpilot.Templates.Tests.Support;

/// <summary>Where things are in the repository and where the host was built.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string Configuration { get; } =
        typeof(Repo).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    public static string HostDll => Path.Combine(Root, "host", "Marketpilot.Host", "bin", Configuration, "net10.0", "marketpilot.dll");

    public static string TemplatesProject => Path.Combine(Root, "sdk", "templates", "Marketpilot.Templates.csproj");

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
