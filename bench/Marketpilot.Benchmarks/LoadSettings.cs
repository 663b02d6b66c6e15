using System.Globalization;

namespace Marketpilot.Benchmarks;

/// <summary>
/// The arguments of the <c>load</c> command:
/// <c>load &lt;marketpilot.dll&gt; [--skus 1000,10000,100000] [--clients 8] [--seconds 30] [--warmup 45] [--scripts folder]
/// [--postgres connection-string [--silos 3]] [-- host arguments]</c>. With <c>--postgres</c> the host runs in cluster mode on
/// a new database of that server, created for each phase and dropped after it, with <see cref="Silos"/> processes.
/// </summary>
public sealed record LoadSettings(string HostDll, IReadOnlyList<int> SkuCounts, int Clients, int Seconds, int WarmUpSeconds, string ScriptsPath, IReadOnlyList<string> HostArguments)
{
    /// <summary>The PostgreSQL server of cluster mode (a connection string whose role may create databases); embedded SQLite when null.</summary>
    public string? Postgres { get; init; }

    /// <summary>How many silo processes share the load, each taking an equal share of the clients.</summary>
    public int Silos { get; init; } = 1;

    public static LoadSettings Parse(string[] args)
    {
        if (args.Length == 0)
        {
            throw new ArgumentException("usage: load <marketpilot.dll> [--skus 1000,10000,100000] [--clients 8] [--seconds 30] [--warmup 45] [--scripts folder] [--postgres connection-string [--silos 3]] [-- host arguments]");
        }

        var settings = new LoadSettings(Path.GetFullPath(args[0]), [1_000, 10_000, 100_000], 8, 30, 45, FindScripts(), []);
        for (var i = 1; i < args.Length; i++)
        {
            settings = args[i] switch
            {
                "--skus" => settings with { SkuCounts = [.. args[++i].Split(',').Select(Int)] },
                "--clients" => settings with { Clients = Int(args[++i]) },
                "--seconds" => settings with { Seconds = Int(args[++i]) },
                "--warmup" => settings with { WarmUpSeconds = Int(args[++i]) },
                "--scripts" => settings with { ScriptsPath = Path.GetFullPath(args[++i]) },
                "--postgres" => settings with { Postgres = args[++i] },
                "--silos" => settings with { Silos = Int(args[++i]) },
                "--" => settings with { HostArguments = args[(i + 1)..] },
                var other => throw new ArgumentException($"unknown argument '{other}'"),
            };
            if (args[i] == "--")
            {
                break;
            }
        }

        if (settings.SkuCounts.Any(count => count < 1_000 || count % 100 != 0))
        {
            throw new ArgumentException("every SKU count must be a multiple of 100, at least 1000 (a 1000-item batch is timed)");
        }

        if (settings.Silos > 1 && settings.Postgres is null)
        {
            throw new ArgumentException("--silos needs --postgres: only cluster mode runs more than one silo");
        }

        return settings;
    }

    private static int Int(string value) => int.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);

    // The repository's scripts/ folder: the seven sample rules.
    private static string FindScripts()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return Path.Combine(dir.FullName, "scripts");
            }
        }

        return Path.Combine(AppContext.BaseDirectory, "scripts");
    }
}
