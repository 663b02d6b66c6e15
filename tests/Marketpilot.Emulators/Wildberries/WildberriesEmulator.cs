using System.Collections.Concurrent;
using System.Globalization;
using Marketpilot.Emulators.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Wildberries;

/// <summary>
/// The Wildberries seller API on loopback: the content, prices, calendar, advert, analytics and statistics methods the
/// connector uses (all on one port, so every base URL of a shop points here), with the token checked on every request,
/// bodies validated against the spec's shapes, state kept, async uploads processed after a poll, and faults on demand.
/// </summary>
/// <remarks>Thread-safe: every route runs under one lock.</remarks>
public sealed partial class WildberriesEmulator : LoopbackEmulator
{
    private readonly Lock _gate = new();
    private readonly Dictionary<long, EmulatedUpload> _uploads = [];
    private long _nextUploadId = 146_000;
    private bool _tokenExpired;

    /// <summary>Creates an emulator holding <paramref name="itemCount"/> seeded items, three promotions and three ad campaigns.</summary>
    /// <param name="token">The token it accepts.</param>
    /// <param name="itemCount">How many cards the shop lists.</param>
    /// <param name="now">The emulator's "now", for promotion dates; the real clock by default.</param>
    public WildberriesEmulator(string token, int itemCount = 250, DateTimeOffset? now = null)
    {
        Token = token;
        WildberriesSeed.Fill(this, itemCount, now ?? DateTimeOffset.UtcNow);
    }

    /// <summary>The token the emulator accepts in <c>Authorization</c> (bare or after <c>Bearer </c>).</summary>
    public string Token { get; }

    /// <summary>The cards, by article.</summary>
    public SortedDictionary<long, EmulatedItem> Items { get; } = [];

    /// <summary>The promotions calendar, by id.</summary>
    public SortedDictionary<long, EmulatedPromotion> Promotions { get; } = [];

    /// <summary>The ad campaigns, by id.</summary>
    public SortedDictionary<long, EmulatedAdvert> Adverts { get; } = [];

    /// <summary>Every change actions made, in order.</summary>
    public ConcurrentQueue<EmulatedChange> Changes { get; } = new();

    /// <summary>Every request that passed the fault plan, as <c>METHOD /path</c>.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    /// <summary>Articles whose next processed upload item fails with the given text (once each), for partial batch failures.</summary>
    public ConcurrentDictionary<long, string> FailNextUploadItem { get; } = new();

    /// <summary>How many history polls answer "not processed yet" before an upload is processed.</summary>
    public int PollsBeforeProcessed { get; set; } = 1;

    /// <summary>While set, uploads stay unprocessed however often their history is polled (WB busy for longer than a call's deadline).</summary>
    public bool HoldUploads { get; set; }

    /// <summary>How many distinct uploads were accepted (a 208 repeat of an identical one does not count).</summary>
    public int UploadCount => Read(e => e._uploads.Count);

    /// <summary>From now on every request is answered 401, as for a token that expired.</summary>
    public void ExpireToken() => _tokenExpired = true;

    /// <summary>Reads state under the emulator's lock.</summary>
    /// <typeparam name="T">What is read.</typeparam>
    /// <param name="read">The read.</param>
    /// <returns>What <paramref name="read"/> returned.</returns>
    public T Read<T>(Func<WildberriesEmulator, T> read)
    {
        lock (_gate)
        {
            return read(this);
        }
    }

    /// <inheritdoc />
    protected override void MapRoutes(WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            var header = context.Request.Headers.Authorization.ToString();
            var presented = header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : header;
            if (_tokenExpired || presented != Token)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.ContentType = "application/problem+json";
                await context.Response.WriteAsJsonAsync(new
                {
                    title = "unauthorized",
                    detail = _tokenExpired ? "token problem; token expired" : "token problem; token is malformed: could not parse",
                    code = "07e4668e--a53a3d31f8b0-[UK-oWaVDUqNrKG]; 03bce=277; 84bd353bf-75",
                    requestId = "7b80742415072fe8b6b7f7761f1d1211",
                    origin = "s2s-api-auth-catalog",
                    status = 401,
                    statusText = "Unauthorized",
                    timestamp = DateTimeOffset.UtcNow,
                }).ConfigureAwait(false);
                return;
            }

            await next(context).ConfigureAwait(false);
        });

        MapContent(app);
        MapPrices(app);
        MapCalendar(app);
        MapAdvert(app);
        MapAnalytics(app);
    }

    private static Task Json(HttpContext context, int status, object body)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    private static async Task<string> BodyAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
    }

    private static long? QueryLong(HttpContext context, string name) =>
        long.TryParse(context.Request.Query[name].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : null;
}
