using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Hosting;

/// <summary>
/// The one place a presented API key is checked, for the API's <c>X-Api-Key</c> and the console's sign-in: each is an
/// oracle for guessing keys, so both count the wrong keys of a client address in the same limiter
/// (<see cref="FailedKeyLimitOptions"/>). Once an address has presented <see cref="FailedKeyLimitOptions.Failures"/>
/// wrong keys within the window, its next attempts are refused unchecked, even with a right key (otherwise the refusal
/// itself would tell a right guess), until the window ends; other addresses are not affected.
/// </summary>
/// <remarks>
/// ASP.NET Core's rate-limiting middleware takes a permit for every request before the endpoint runs, and so cannot
/// count only failures; this uses the same <see cref="PartitionedRateLimiter"/> (a fixed window per address) directly,
/// after the key is known to be wrong. Idle partitions are dropped by the limiter itself, so memory follows the
/// addresses that failed recently.
/// </remarks>
public sealed partial class ApiKeyGate : IDisposable
{
    private readonly ApiKeyStore _keys;
    private readonly FailedKeyLimitOptions _options;
    private readonly ILogger<ApiKeyGate> _logger;
    private readonly PartitionedRateLimiter<IPAddress> _failures;

    // Checking an address and counting its failure happen together, so guesses sent in parallel cannot all pass the
    // check before the first is counted.
    private readonly Lock _gate = new();

    /// <summary>Creates the gate over the host's keys.</summary>
    public ApiKeyGate(ApiKeyStore keys, IOptions<FailedKeyLimitOptions> options, ILogger<ApiKeyGate> logger)
    {
        _keys = keys;
        _options = options.Value;
        _logger = logger;
        var window = new FixedWindowRateLimiterOptions
        {
            PermitLimit = _options.Failures,
            Window = TimeSpan.FromSeconds(_options.WindowSeconds),
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _failures = PartitionedRateLimiter.Create<IPAddress, IPAddress>(client => RateLimitPartition.GetFixedWindowLimiter(client, _ => window));
    }

    /// <summary>
    /// Checks <paramref name="presented"/> for the request's client. A wrong key (a missing one is not a guess) counts
    /// against the client's address; an address over the limit is refused, and the response gets its <c>Retry-After</c>.
    /// </summary>
    /// <param name="http">The request, whose client address is counted.</param>
    /// <param name="presented">The key the request sent, if any.</param>
    /// <returns>The grant, a wrong key, or a refusal with the time to wait.</returns>
    public ApiKeyCheck Check(HttpContext http, string? presented)
    {
        ArgumentNullException.ThrowIfNull(http);
        var grant = _keys.Find(presented);
        var client = ClientOf(http.Connection.RemoteIpAddress);
        lock (_gate)
        {
            using var open = _failures.AttemptAcquire(client, 0);
            if (!open.IsAcquired)
            {
                var wait = open.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(_options.WindowSeconds);
                var refused = new ApiKeyCheck(null, wait);
                http.Response.Headers.RetryAfter = refused.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return refused;
            }

            if (grant is null && !string.IsNullOrEmpty(presented))
            {
                using var counted = _failures.AttemptAcquire(client, 1);
                if (_failures.GetStatistics(client)?.CurrentAvailablePermits == 0)
                {
                    LogLimitReached(_logger, client, _options.Failures, _options.WindowSeconds, http.Request.Path.Value ?? "");
                }
            }
        }

        return new ApiKeyCheck(grant, null);
    }

    /// <summary>The address a client's failures count against: IPv4 as it is, IPv6 by its /64 network.</summary>
    /// <remarks>An IPv6 client usually holds a whole /64, so counting single addresses would let it rotate through 2^64 of them.</remarks>
    public static IPAddress ClientOf(IPAddress? address)
    {
        if (address is null)
        {
            return IPAddress.None;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        Span<byte> network = stackalloc byte[16];
        address.TryWriteBytes(network, out _);
        network[8..].Clear();
        return new IPAddress(network);
    }

    /// <inheritdoc />
    public void Dispose() => _failures.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "Client {Client} presented {Failures} wrong API keys within {WindowSeconds} s (the last to {Path}); its attempts are refused with 429 until the window ends")]
    private static partial void LogLimitReached(ILogger logger, IPAddress client, int failures, int windowSeconds, string path);
}
