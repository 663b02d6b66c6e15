using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Hosting;

/// <summary>
/// A loopback server that answers every request the way a test scripts it (<see cref="Answer"/>), for a marketplace that
/// misbehaves beyond what an emulator's <see cref="FaultPlan"/> does: redirects to another host, bodies of any size or
/// shape, answers that never finish. It records each request it got, headers included.
/// </summary>
public sealed class HostileServer : LoopbackEmulator
{
    /// <summary>Answers a request; the default answers 404.</summary>
    public Func<HttpContext, Task> Answer { get; set; } = context =>
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    };

    /// <summary>Starts a server that answers 404 until <see cref="Answer"/> is set.</summary>
    /// <returns>The started server.</returns>
    public static async Task<HostileServer> StartNewAsync()
    {
        var server = new HostileServer();
        await server.StartAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<ReceivedRequest> Received { get; } = new();

    /// <summary>Answers every request with a redirect to the same path and query on <paramref name="target"/>.</summary>
    /// <param name="target">The other server's base address.</param>
    /// <param name="status">The redirect status (301, 302, 307, 308).</param>
    public void RedirectTo(Uri target, int status = StatusCodes.Status307TemporaryRedirect) => Answer = context =>
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = new Uri(target, context.Request.Path.Value!.TrimStart('/') + context.Request.QueryString).ToString();
        return Task.CompletedTask;
    };

    /// <inheritdoc />
    protected override void MapRoutes(WebApplication app) =>
        app.Run(context =>
        {
            Received.Enqueue(new ReceivedRequest(
                context.Request.Method,
                context.Request.Path.Value ?? "",
                context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
            return Answer(context);
        });
}

/// <summary>A request a <see cref="HostileServer"/> received.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path.</param>
/// <param name="Headers">Every header, by name (any case).</param>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers);
