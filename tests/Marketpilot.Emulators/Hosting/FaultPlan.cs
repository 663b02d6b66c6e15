using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Hosting;

/// <summary>The faults an emulator injects before its routes run: a share of requests answered 429, 500, late or garbled.</summary>
/// <remarks>
/// Seeded, so a failing test repeats. Thread-safe. A fault never reaches the route, so it changes no state, except
/// <see cref="FaultKind.LostAnswer"/> and <see cref="FaultKind.BrokenAnswer"/>, which run the route and then withhold its answer.
/// </remarks>
public sealed class FaultPlan
{
    private readonly Lock _gate = new();
    private Random _random = new(1);

    /// <summary>The share of requests (0 to 1) that get a fault; 0 turns faults off.</summary>
    public double Rate { get; set; }

    /// <summary>When set, every <c>Every</c>-th request the plan applies to gets a fault, the first included, instead of a random <see cref="Rate"/>.</summary>
    public int? Every { get; set; }

    /// <summary>The faults drawn from, equally likely.</summary>
    public IReadOnlyList<FaultKind> Kinds { get; set; } = [FaultKind.TooManyRequests, FaultKind.ServerError];

    /// <summary>The <c>Retry-After</c> seconds a 429 carries.</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>How long a <see cref="FaultKind.Timeout"/> holds the request before it answers 504.</summary>
    public TimeSpan TimeoutDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Only requests whose path starts with this are faulted; all when <see langword="null"/>.</summary>
    public string? PathPrefix { get; set; }

    /// <summary>How many faults were injected so far.</summary>
    public int Injected => _injected;

    private int _injected;
    private int _seen;

    /// <summary>Restarts the fault sequence from <paramref name="seed"/>.</summary>
    /// <param name="seed">The seed.</param>
    public void Reseed(int seed)
    {
        lock (_gate)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Runs the request through <paramref name="next"/>, or answers it with a fault when one is drawn.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The emulator's routes.</param>
    /// <returns>A task that completes when the request is answered.</returns>
    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (!await TryInjectAsync(context, next).ConfigureAwait(false))
        {
            await next(context).ConfigureAwait(false);
        }
    }

    private async Task<bool> TryInjectAsync(HttpContext context, RequestDelegate next)
    {
        FaultKind kind;
        lock (_gate)
        {
            if ((Rate <= 0 && Every is null) || Kinds.Count == 0 || (PathPrefix is { } prefix && !context.Request.Path.StartsWithSegments(prefix, StringComparison.Ordinal)))
            {
                return false;
            }

            if (Every is { } every ? _seen++ % every != 0 : _random.NextDouble() >= Rate)
            {
                return false;
            }

            kind = Kinds[_random.Next(Kinds.Count)];
        }

        Interlocked.Increment(ref _injected);
        switch (kind)
        {
            case FaultKind.TooManyRequests:
                context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
                await context.Response.WriteAsJsonAsync(new { code = 8, message = "You have reached request rate limit per second" }).ConfigureAwait(false);
                break;
            case FaultKind.ServerError:
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                await context.Response.WriteAsync("internal error").ConfigureAwait(false);
                break;
            case FaultKind.Unavailable:
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync("service unavailable").ConfigureAwait(false);
                break;
            case FaultKind.Timeout:
                try
                {
                    await Task.Delay(TimeoutDelay, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                break;
            case FaultKind.MalformedJson:
                context.Response.StatusCode = StatusCodes.Status200OK;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync("{\"result\": [ {\"broken\": ").ConfigureAwait(false);
                break;
            case FaultKind.LostAnswer:
                // The route changes state, then its answer never reaches the client: a write that ran unconfirmed.
                var answer = context.Response.Body;
                context.Response.Body = Stream.Null;
                await next(context).ConfigureAwait(false);
                context.Response.Body = answer;
                try
                {
                    await Task.Delay(TimeoutDelay, context.RequestAborted).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return true;
                }

                context.Response.Clear();
                context.Response.StatusCode = StatusCodes.Status504GatewayTimeout;
                break;
            case FaultKind.BrokenAnswer:
                // The route changes state, then the connection drops before any answer: a write that ran unconfirmed, at once.
                var body = context.Response.Body;
                context.Response.Body = Stream.Null;
                await next(context).ConfigureAwait(false);
                context.Response.Body = body;
                context.Abort();
                break;
            case FaultKind.Unauthorized:
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                await context.Response.WriteAsJsonAsync(new { code = 16, message = "Invalid Api-Key, please contact support" }).ConfigureAwait(false);
                break;
        }

        return true;
    }
}

/// <summary>A fault an emulator can inject.</summary>
public enum FaultKind
{
    /// <summary>429 with <c>Retry-After</c>.</summary>
    TooManyRequests,

    /// <summary>500.</summary>
    ServerError,

    /// <summary>No answer for <see cref="FaultPlan.TimeoutDelay"/>, then 504.</summary>
    Timeout,

    /// <summary>200 with a body that is not valid JSON.</summary>
    MalformedJson,

    /// <summary>401, as for expired credentials.</summary>
    Unauthorized,

    /// <summary>The route runs and changes state, then no answer for <see cref="FaultPlan.TimeoutDelay"/>, then 504.</summary>
    LostAnswer,

    /// <summary>503: the server is down and did not run the request.</summary>
    Unavailable,

    /// <summary>The route runs and changes state, then the connection is dropped without an answer.</summary>
    BrokenAnswer,
}
