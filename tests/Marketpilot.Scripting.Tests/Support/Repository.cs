using System.Reflection;

namespace Marketpilot.Scripting.Tests.Support;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Scripts => Path.Combine(Root, "scripts");

    public static string Configuration { get; } =
        typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The real executable, whose hidden <c>rules worker</c> verb the pool starts.</summary>
    public static string HostDll => Path.Combine(Root, "host", "Marketpilot.Host", "bin", Configuration, "net10.0", "marketpilot.dll");

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Host.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Host.sln above {AppContext.BaseDirectory}.");
    }
}
