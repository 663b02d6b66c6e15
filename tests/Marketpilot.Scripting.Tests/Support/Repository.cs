namespace Marketpilot.Scripting.Tests.Support;

internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Scripts => Path.Combine(Root, "scripts");

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
