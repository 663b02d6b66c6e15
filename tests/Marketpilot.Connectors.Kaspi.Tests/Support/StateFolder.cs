namespace Marketpilot.Connectors.Kaspi.Tests.Support;

/// <summary>A temporary state folder for one shop, deleted at the end of the test.</summary>
public sealed class StateFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("marketpilot-kaspi-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
