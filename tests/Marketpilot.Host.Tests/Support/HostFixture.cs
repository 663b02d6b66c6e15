namespace Marketpilot.Host.Tests.Support;

/// <summary>One running host with its own data folder, shared by the tests of a collection.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private readonly TempFolder _data = new();

    public HostProcess Host { get; private set; } = null!;

    public string DataPath => _data.Path;

    public async Task InitializeAsync() => Host = await HostProcess.StartAsync(_data.Path, "--Marketpilot:Sync:Enabled=false");

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _data.Dispose();
    }
}
