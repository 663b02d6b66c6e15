using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

public sealed class PluginsVerifyChannelCliTests
{
    private const string Secret = "whsec-for-cli-tests-only";

    private static string PluginFolder(string name) => Path.Combine(Path.GetDirectoryName(RepoPaths.HostDll)!, "plugins", name);

    [Fact]
    public async Task VerifyRunsTheChannelChecksThatDeliverNothingAndSkipsTheOthersNamingWhy()
    {
        using var receiver = new HttpReceiver();

        var result = await VerifyWebhookAsync(receiver.Url);

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        foreach (var check in new[] { "kinds-provided", "channel-manifest-kind", "channel-name-valid", "channel-invalid-rejected", "channel-cancellation-honoured" })
        {
            Assert.Contains($"PASS {check}: ", result.StdOut, StringComparison.Ordinal);
        }

        foreach (var check in new[] { "channel-delivers", "channel-repeat-safe", "channel-concurrent-sends" })
        {
            Assert.Contains($"SKIP {check}: delivers a notification through the configured channel; pass --send", result.StdOut, StringComparison.Ordinal);
        }

        Assert.Contains("SKIP channel-unreachable-retryable: ", result.StdOut, StringComparison.Ordinal);
        Assert.Empty(receiver.Keys);
        Assert.DoesNotContain(Secret, result.StdOut + result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyWithSendDeliversThroughTheConfiguredChannelToTheEndpoint()
    {
        using var receiver = new HttpReceiver();

        var result = await VerifyWebhookAsync(receiver.Url, "--send");

        Assert.True(result.ExitCode == 0, result.StdOut + result.StdErr);
        foreach (var check in new[] { "channel-delivers", "channel-repeat-safe", "channel-concurrent-sends", "channel-invalid-rejected" })
        {
            Assert.Contains($"PASS {check}: ", result.StdOut, StringComparison.Ordinal);
        }

        Assert.Equal(1 + 2 + 8, receiver.Keys.Count);
        Assert.All(receiver.Keys, k => Assert.StartsWith("conformance-", k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnconfiguredChannelPluginFailsKindsProvidedAndNamesEachChannelCheckItSkipped()
    {
        var result = await Cli.RunAsync("plugins", "verify", PluginFolder("Marketpilot.Channels.Email"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAIL kinds-provided: declares kind 'channel' but registers no INotificationChannel", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("PASS channel-manifest-kind: ", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("SKIP channel-delivers: the plugin registered no channel with the current configuration", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("1 check(s) failed: kinds-provided", result.StdOut, StringComparison.Ordinal);
    }

    private static async Task<CliResult> VerifyWebhookAsync(Uri url, params string[] extra)
    {
        var info = Cli.StartInfo(["plugins", "verify", PluginFolder("Marketpilot.Channels.Webhook"), .. extra]);
        info.Environment["Marketpilot__Plugins__webhook__Url"] = url.ToString();
        info.Environment["Marketpilot__Plugins__webhook__Secret"] = Secret;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(deadline.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>A real HTTP endpoint on loopback that answers 200 and remembers each request's Idempotency-Key.</summary>
    private sealed class HttpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly ConcurrentQueue<string> _keys = new();
        private readonly int _port = FreePort();

        public HttpReceiver()
        {
            _listener.Prefixes.Add($"http://127.0.0.1:{_port}/");
            _listener.Start();
            _ = Task.Run(AnswerAsync);
        }

        public Uri Url => new($"http://127.0.0.1:{_port}/hooks/marketpilot");

        public IReadOnlyList<string> Keys => [.. _keys];

        public void Dispose() => _listener.Close();

        private async Task AnswerAsync()
        {
            while (true)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }

                _keys.Enqueue(context.Request.Headers["Idempotency-Key"] ?? "");
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            return port;
        }
    }
}
