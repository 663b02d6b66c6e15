using Marketpilot.Persistence.PostgreSql.Tests.Support;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// Starts silos of the real executable in cluster mode on one <see cref="TestDatabase"/>: each with its own data
/// folder, HTTP, silo and gateway ports, all with the same API key, and with short membership probes (1 s, 2 missed) so
/// a killed silo is declared dead within seconds.
/// </summary>
public sealed class ClusterSilos(TestDatabase database, TempFolder data) : IAsyncDisposable
{
    private readonly string _apiKey = Guid.NewGuid().ToString("N");
    private readonly List<HostProcess> _silos = [];

    public IReadOnlyList<HostProcess> Silos => _silos;

    public Task<(HostProcess Host, int SiloPort)> StartAsync(params string[] extraArgs) => StartWithScriptsAsync(RepoPaths.Scripts, extraArgs);

    public async Task<(HostProcess Host, int SiloPort)> StartWithScriptsAsync(string scriptsPath, params string[] extraArgs)
    {
        var folder = Path.Combine(data.Path, $"silo-{_silos.Count}");
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "api-key"), _apiKey);
        var siloPort = HostProcess.FreePort();
        var host = await HostProcess.StartWithScriptsAsync(folder, scriptsPath,
        [
            "--Marketpilot:Cluster:Mode=PostgreSql",
            $"--Marketpilot:Cluster:ConnectionString={database.ConnectionString}",
            $"--Marketpilot:Cluster:SiloPort={siloPort}",
            $"--Marketpilot:Cluster:GatewayPort={HostProcess.FreePort()}",
            "--Marketpilot:Cluster:ProbeTimeoutSeconds=1",
            "--Marketpilot:Cluster:MissedProbesLimit=2",
            .. extraArgs,
        ]);
        _silos.Add(host);
        return (host, siloPort);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }
    }
}
