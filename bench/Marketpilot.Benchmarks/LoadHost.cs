using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Marketpilot.Benchmarks;

/// <summary>The host process of one phase and an HTTP client that sends its API key.</summary>
internal sealed class LoadHost : IAsyncDisposable
{
    private readonly Process _process;
    private readonly HttpClient _client;
    private readonly StreamWriter _log;
    private readonly List<string> _faults = [];
    private volatile bool _healthy;

    private LoadHost(Process process, HttpClient client, StreamWriter log)
    {
        _process = process;
        _client = client;
        _log = log;
    }

    /// <summary>Starts the host on a free HTTP port with <paramref name="data"/> as its data folder and waits until it is healthy.</summary>
    /// <param name="settings">The host, its scripts and the arguments given after <c>--</c>.</param>
    /// <param name="data">The data folder; an <c>api-key</c> file in it is used, not replaced.</param>
    /// <param name="more">Arguments of this host only (a silo's ports).</param>
    public static async Task<LoadHost> StartAsync(LoadSettings settings, string data, params string[] more)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(settings.HostDll);
        foreach (var arg in (string[])["--urls", $"http://127.0.0.1:{port}", "--data", data, "--scripts", settings.ScriptsPath, "--Marketpilot:Sync:Enabled=false", .. more, .. settings.HostArguments])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var log = new StreamWriter(Path.Combine(data, "host-output.log")) { AutoFlush = true };
        var process = Process.Start(info)!;
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
            Timeout = TimeSpan.FromSeconds(100),
        };
        var host = new LoadHost(process, client, log);
        process.OutputDataReceived += (_, e) => host.Write(e.Data);
        process.ErrorDataReceived += (_, e) => host.Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync(data);
        // What the host logs while it starts (the generated API key, at warning level) is not a fault of the run.
        host._healthy = true;
        client.DefaultRequestHeaders.Add("X-Api-Key", (await File.ReadAllTextAsync(Path.Combine(data, "api-key"))).Trim());
        Console.WriteLine($"host pid {process.Id} on port {port}, data {data}");
        return host;
    }

    /// <summary>Posts one batch and returns its latency in milliseconds; anything but 202 stops the run.</summary>
    public async Task<double> PostAsync(string body)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await _client.PostAsync("/api/v1/skus", new StringContent(body, Encoding.UTF8, "application/json"));
        var elapsed = stopwatch.Elapsed.TotalMilliseconds;
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/v1/skus answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return elapsed;
    }

    /// <summary>The host process's resident memory, in bytes (<c>VmRSS</c> from /proc).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The sum of every series of <paramref name="name"/> on the host's <c>/metrics</c> (Prometheus text).</summary>
    public async Task<double> MetricAsync(string name)
    {
        var text = await _client.GetStringAsync("/metrics");
        return text.Split('\n')
            .Where(line => line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal))
            .Sum(line => double.Parse(line[(line.LastIndexOf('}') is var close and >= 0 ? close + 1 : name.Length)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture));
    }

    public async Task<long> ActionCountAsync()
    {
        using var page = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/actions?limit=1"));
        return page.RootElement.GetProperty("total").GetInt64();
    }

    /// <summary>CPU seconds (user + system) of the host process and of its descendants (the rule workers), from /proc.</summary>
    public (double Host, double Workers) CpuSeconds() => ProcessCpu.Of(_process.Id);

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        if (!_process.HasExited)
        {
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await _process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }

    private async Task WaitUntilHealthyAsync(string data)
    {
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode}; see {Path.Combine(data, "host-output.log")}");
            }

            try
            {
                if ((await _client.GetAsync("/health")).StatusCode == HttpStatusCode.OK && File.Exists(Path.Combine(data, "api-key")))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The host was not healthy within 180 s.");
    }

    /// <summary>The warnings and errors the host logged (a rule worker replaced, a fault), which a phase's figures must be read with.</summary>
    public IReadOnlyList<string> Faults
    {
        get
        {
            lock (_log)
            {
                return [.. _faults];
            }
        }
    }

    private void Write(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.WriteLine(line);
            if (_healthy && (line.Contains(" WRN] ", StringComparison.Ordinal) || line.Contains(" ERR] ", StringComparison.Ordinal) || line.Contains(" FTL] ", StringComparison.Ordinal)))
            {
                _faults.Add(line);
            }
        }
    }

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
