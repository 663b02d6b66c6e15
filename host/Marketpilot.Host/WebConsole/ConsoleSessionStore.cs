using System.Security.Cryptography;
using Marketpilot.Host.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.WebConsole;

/// <summary>
/// The console's sessions, held by this process (the cookie handler's <see cref="ITicketStore"/>): the cookie carries
/// only a random session id, and a session exists while its record is here. Signing out removes the record, so a copy
/// of the cookie taken before is refused from then on. Nothing is written to disk: a restart ends every session (each
/// user signs in again), so a lost record can only refuse a cookie, never admit a revoked one.
/// </summary>
/// <remarks>
/// Memory is bounded: a session is dropped when it expires (checked when it is read and whenever a session is stored),
/// and each key holds at most <see cref="ConsoleOptions.MaxSessionsPerKey"/> (signing in once more ends its oldest),
/// while only a right key creates a session. A renewal (sliding expiry) never brings back a removed session.
/// </remarks>
public sealed partial class ConsoleSessionStore(ApiKeyStore keys, IOptions<ConsoleOptions> options, TimeProvider time, ILogger<ConsoleSessionStore> logger)
    : ITicketStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);

    /// <summary>The sessions held now, expired ones not yet dropped included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _sessions.Count;
            }
        }
    }

    /// <inheritdoc />
    public Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var owner = ConsoleSession.FingerprintOf(ticket.Principal) ?? "";
        var now = time.GetUtcNow();
        string? ended = null;
        lock (_gate)
        {
            DropExpired(now);
            _sessions[id] = new Session(ticket, owner, now, ExpiryOf(ticket, now));
            var ownSessions = _sessions.Where(s => s.Value.Owner == owner).ToList();
            if (ownSessions.Count > options.Value.MaxSessionsPerKey)
            {
                ended = ownSessions.MinBy(s => s.Value.Created).Key;
                _sessions.Remove(ended);
            }
        }

        if (ended is not null)
        {
            LogOldestEnded(logger, keys.FindByFingerprint(owner)?.Name ?? "a removed key", options.Value.MaxSessionsPerKey);
        }

        return Task.FromResult(id);
    }

    /// <inheritdoc />
    public Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        var now = time.GetUtcNow();
        lock (_gate)
        {
            // Only a session still held is renewed: a sign-out between reading a session and renewing it wins.
            if (_sessions.TryGetValue(key, out var session) && session.Expires > now)
            {
                _sessions[key] = session with { Ticket = ticket, Expires = ExpiryOf(ticket, now) };
            }
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (!_sessions.TryGetValue(key, out var session))
            {
                return Task.FromResult<AuthenticationTicket?>(null);
            }

            if (session.Expires <= now)
            {
                _sessions.Remove(key);
                return Task.FromResult<AuthenticationTicket?>(null);
            }

            return Task.FromResult<AuthenticationTicket?>(session.Ticket);
        }
    }

    /// <inheritdoc />
    public Task RemoveAsync(string key)
    {
        lock (_gate)
        {
            _sessions.Remove(key);
        }

        return Task.CompletedTask;
    }

    private DateTimeOffset ExpiryOf(AuthenticationTicket ticket, DateTimeOffset now) =>
        ticket.Properties.ExpiresUtc ?? now.AddHours(options.Value.SessionHours);

    private void DropExpired(DateTimeOffset now)
    {
        foreach (var expired in _sessions.Where(s => s.Value.Expires <= now).Select(s => s.Key).ToList())
        {
            _sessions.Remove(expired);
        }
    }

    private sealed record Session(AuthenticationTicket Ticket, string Owner, DateTimeOffset Created, DateTimeOffset Expires);

    [LoggerMessage(Level = LogLevel.Information, Message = "Key {KeyName} signed in to the console with {MaxSessions} sessions open; its oldest session was ended")]
    private static partial void LogOldestEnded(ILogger logger, string keyName, int maxSessions);
}
