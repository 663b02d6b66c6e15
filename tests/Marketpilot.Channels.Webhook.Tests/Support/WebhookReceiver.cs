using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Channels.Webhook.Tests.Support;

/// <summary>One request as the receiver saw it: headers and the exact body bytes.</summary>
public sealed record ReceivedRequest(string Method, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : "";
}

/// <summary>A real HTTP endpoint on 127.0.0.1 (a free port) that answers each request with the next step of a script.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, CancellationToken, Task>> _script;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource<ReceivedRequest> _first = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WebhookReceiver(WebApplication app, IEnumerable<Func<HttpContext, CancellationToken, Task>> script)
    {
        _app = app;
        _script = new(script);
        app.Run(HandleAsync);
    }

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    /// <summary>Completes when the first request has arrived.</summary>
    public Task<ReceivedRequest> FirstRequest => _first.Task;

    /// <summary>Starts a receiver; each request gets the next answer, and 200 once the script runs out.</summary>
    public static async Task<WebhookReceiver> StartAsync(params Func<HttpContext, CancellationToken, Task>[] script)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var receiver = new WebhookReceiver(builder.Build(), script);
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = new Uri(new Uri(address), "/hooks/marketpilot");
        return receiver;
    }

    public static Func<HttpContext, CancellationToken, Task> Status(int code, string? retryAfter = null) => (context, _) =>
    {
        context.Response.StatusCode = code;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        return Task.CompletedTask;
    };

    /// <summary>Never answers: waits until the client gives up or the receiver stops.</summary>
    public static Func<HttpContext, CancellationToken, Task> Hang() => async (context, stopping) =>
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        await Task.Delay(Timeout.Infinite, either.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    };

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var request = new ReceivedRequest(context.Request.Method, headers, body.ToArray());
        _requests.Enqueue(request);
        _first.TrySetResult(request);

        if (_script.TryDequeue(out var step))
        {
            await step(context, _stopping.Token);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
    }
}
