using System.Globalization;
using Npgsql;

namespace Marketpilot.Benchmarks;

/// <summary>
/// The hosts of one load phase: one embedded host, or <see cref="LoadSettings.Silos"/> silos in cluster mode on a
/// database created for the phase (dropped with it). Clients are spread over the silos' APIs in turn.
/// </summary>
internal sealed class LoadCluster : IAsyncDisposable
{
    private readonly List<LoadHost> _hosts = [];
    private readonly string? _server;
    private readonly string? _database;

    private LoadCluster(string? server, string? database)
    {
        _server = server;
        _database = database;
    }

    public IReadOnlyList<LoadHost> Hosts => _hosts;

    public static async Task<LoadCluster> StartAsync(LoadSettings settings, string data)
    {
        if (settings.Postgres is null)
        {
            var single = new LoadCluster(null, null);
            single._hosts.Add(await LoadHost.StartAsync(settings, data));
            return single;
        }

        var name = $"marketpilot_load_{Guid.NewGuid():N}"[..32];
        await ExecuteAsync(settings.Postgres, $"CREATE DATABASE {name};");
        var cluster = new LoadCluster(settings.Postgres, name);
        try
        {
            var connection = new NpgsqlConnectionStringBuilder(settings.Postgres) { Database = name, MaxPoolSize = 50 }.ConnectionString;
            var apiKey = Guid.NewGuid().ToString("N");
            for (var i = 0; i < settings.Silos; i++)
            {
                var folder = Path.Combine(data, $"silo-{i}");
                Directory.CreateDirectory(folder);
                await File.WriteAllTextAsync(Path.Combine(folder, "api-key"), apiKey);
                cluster._hosts.Add(await LoadHost.StartAsync(settings, folder,
                    "--Marketpilot:Cluster:Mode=PostgreSql",
                    $"--Marketpilot:Cluster:ConnectionString={connection}",
                    $"--Marketpilot:Cluster:SiloPort={LoadHost.FreePort().ToString(CultureInfo.InvariantCulture)}",
                    $"--Marketpilot:Cluster:GatewayPort={LoadHost.FreePort().ToString(CultureInfo.InvariantCulture)}"));
            }
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Posts one batch through the silo of <paramref name="client"/>.</summary>
    public Task<double> PostAsync(int client, string body) => _hosts[client % _hosts.Count].PostAsync(body);

    /// <summary>CPU seconds of every host, of every host's rule workers and, in cluster mode, of the PostgreSQL server's processes on this machine.</summary>
    public (double Host, double Workers, double Database) CpuSeconds()
    {
        var all = _hosts.Select(h => h.CpuSeconds()).ToList();
        return (all.Sum(c => c.Host), all.Sum(c => c.Workers), _server is null ? 0 : ProcessCpu.OfName("postgres"));
    }

    /// <summary>The hosts' GC collections and pause seconds so far, summed, from their <c>/metrics</c> (the runtime's meter).</summary>
    public async Task<(double Collections, double PauseSeconds)> GcAsync()
    {
        var collections = await Task.WhenAll(_hosts.Select(h => h.MetricAsync("dotnet_gc_collections_total")));
        var pauses = await Task.WhenAll(_hosts.Select(h => h.MetricAsync("dotnet_gc_pause_time_seconds_total")));
        return (collections.Sum(), pauses.Sum());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }

        if (_server is not null && _database is not null)
        {
            await ExecuteAsync(_server, $"DROP DATABASE IF EXISTS {_database} WITH (FORCE);");
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
