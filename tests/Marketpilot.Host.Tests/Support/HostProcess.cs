using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Host.Tests.Support;

/// <summary>
/// The real <c>marketpilot</c> executable, started on a free loopback port with a given data folder,
/// and an <see cref="HttpClient"/> that sends its API key.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public string ApiKey { get; private set; } = "";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static Task<HostProcess> StartAsync(string dataPath, params string[] extraArgs) =>
        StartWithScriptsAsync(dataPath, RepoPaths.Scripts, extraArgs);

    public static async Task<HostProcess> StartWithScriptsAsync(string dataPath, string scriptsPath, params string[] extraArgs)
    {
        var port = FreePort();
        var args = new List<string>
        {
            "--urls", $"http://127.0.0.1:{port}",
            "--data", dataPath,
            "--scripts", scriptsPath,
        };
        args.AddRange(extraArgs);
        var host = new HostProcess(Process.Start(Cli.StartInfo(args))!, new Uri($"http://127.0.0.1:{port}"));
        await host.WaitUntilHealthyAsync();
        host.ApiKey = (await File.ReadAllTextAsync(Path.Combine(dataPath, "api-key"))).Trim();
        host.Client.DefaultRequestHeaders.Add("X-Api-Key", host.ApiKey);
        return host;
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> PutJsonAsync(string path, string json) =>
        Client.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public async Task<T> GetJsonAsync<T>(string path)
    {
        var response = await Client.GetAsync(path);
        Assert.True(response.IsSuccessStatusCode, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>(MarketpilotJson.Options))!;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value, failing with the host's output after <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> EventuallyAsync(Func<Task<JsonElement?>> probe, TimeSpan timeout, string what)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!deadline.IsCancellationRequested)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            await Task.Delay(250, CancellationToken.None);
        }

        throw new TimeoutException($"Gave up waiting for {what} after {timeout}. Host output:\n{Output}");
    }

    /// <summary>Polls <paramref name="condition"/> until it holds, failing with the host's output after <paramref name="timeout"/>.</summary>
    public Task EventuallyAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        EventuallyAsync(() => Task.FromResult(condition() ? default(JsonElement) : (JsonElement?)null), timeout, what);

    /// <summary>Asks the host to stop (SIGTERM, as an operator or service manager would) and waits for it to exit.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await _process.WaitForExitAsync(deadline.Token);
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the host at once, as a crash or <c>kill -9</c> would.</summary>
    public async Task CrashAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(180);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The host exited with code {_process.ExitCode} before it was healthy. Output:\n{Output}");
            }

            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The host was not healthy within 180 s. Output:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
