using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Marketpilot.Channels.Email.Tests.Support;

/// <summary>One message as the server took it: the envelope, who logged in, the raw DATA, and the TLS protocol of the session (null in clear text).</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, string? User, string? Password, byte[] Data, SslProtocols? Tls = null);

/// <summary>A command the server received, and whether the session was encrypted when it arrived.</summary>
public sealed record ReceivedCommand(string Verb, bool OverTls);

/// <summary>A TLS handshake as the server side saw it.</summary>
public sealed record TlsHandshake(bool IsAuthenticated, bool IsEncrypted, SslProtocols Protocol, string TargetHostName);

/// <summary>How the server protects a session.</summary>
public enum SmtpTls
{
    /// <summary>Clear text; STARTTLS is not offered.</summary>
    None,

    /// <summary>Clear text until the client sends STARTTLS, which EHLO advertises.</summary>
    StartTls,

    /// <summary>TLS from the first byte (SMTPS).</summary>
    Implicit,
}

/// <summary>
/// A small SMTP server on 127.0.0.1 (a free port) speaking the real protocol: EHLO/HELO, STARTTLS, AUTH PLAIN and
/// LOGIN, MAIL FROM, RCPT TO, DATA (with dot-unstuffing), RSET, NOOP and QUIT; optionally TLS with a real
/// <see cref="SslStream"/> on the server side.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly ConcurrentQueue<ReceivedCommand> _commands = new();
    private readonly ConcurrentQueue<TlsHandshake> _handshakes = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly X509Certificate2? _certificate;
    private readonly Task _accepting;
    private int _sessionCount;

    public SmtpTestServer(
        (string User, string Password)? credentials = null,
        Func<string, string>? rcptReply = null,
        SmtpTls tls = SmtpTls.None,
        X509Certificate2? certificate = null)
    {
        if (tls != SmtpTls.None && certificate is null)
        {
            throw new ArgumentException("TLS needs a certificate.", nameof(certificate));
        }

        Credentials = credentials;
        RcptReply = rcptReply ?? (_ => "250 2.1.5 OK");
        Tls = tls;
        _certificate = certificate;
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public (string User, string Password)? Credentials { get; }

    /// <summary>The reply to RCPT TO for an address, for example <c>550 5.1.1 no such user</c>.</summary>
    public Func<string, string> RcptReply { get; }

    public SmtpTls Tls { get; }

    public IReadOnlyList<ReceivedMail> Messages => [.. _messages];

    /// <summary>Every command of every session, in order of arrival.</summary>
    public IReadOnlyList<ReceivedCommand> Commands => [.. _commands];

    /// <summary>The TLS handshakes that completed on the server side.</summary>
    public IReadOnlyList<TlsHandshake> Handshakes => [.. _handshakes];

    public int SessionCount => Volatile.Read(ref _sessionCount);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        await _accepting.ContinueWith(_ => { }, TaskScheduler.Default);
        await Task.WhenAll(_sessions).ContinueWith(_ => { }, TaskScheduler.Default);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            Interlocked.Increment(ref _sessionCount);
            _sessions.Add(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var connection = Tls == SmtpTls.Implicit
            ? await SecureAsync(client.GetStream())
            : new SmtpConnection(client.GetStream(), null);
        if (connection is not null)
        {
            await ConverseAsync(connection);
        }
    }

    // Null when the client gave up on the handshake (for example because it refused the certificate).
    private async Task<SmtpConnection?> SecureAsync(Stream inner)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: true);
        try
        {
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions { ServerCertificate = _certificate, ClientCertificateRequired = false },
                _stopping.Token);
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            await tls.DisposeAsync();
            return null;
        }

        _handshakes.Enqueue(new TlsHandshake(tls.IsAuthenticated, tls.IsEncrypted, tls.SslProtocol, tls.TargetHostName));
        return new SmtpConnection(tls, tls);
    }

    private async Task ConverseAsync(SmtpConnection connection)
    {
        try
        {
            await ConverseCoreAsync(connection, upgraded => connection = upgraded);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private async Task ConverseCoreAsync(SmtpConnection connection, Action<SmtpConnection> upgraded)
    {
        var token = _stopping.Token;
        string? mailFrom = null, user = null, password = null;
        var rcptTo = new List<string>();
        await connection.Writer.WriteLineAsync("220 localhost ESMTP Marketpilot test server");
        while (await connection.Reader.ReadLineAsync(token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
            var writer = connection.Writer;
            _commands.Enqueue(new ReceivedCommand(verb, connection.Tls is not null));
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    if (Tls == SmtpTls.StartTls && connection.Tls is null)
                    {
                        await writer.WriteLineAsync("250-STARTTLS");
                    }

                    if (Credentials is not null)
                    {
                        await writer.WriteLineAsync("250-AUTH PLAIN LOGIN");
                    }

                    await writer.WriteLineAsync("250 HELP");
                    break;
                case "STARTTLS" when Tls == SmtpTls.StartTls && connection.Tls is null:
                    await writer.WriteLineAsync("220 2.0.0 Ready to start TLS");
                    var secured = await SecureAsync(connection.Inner);
                    if (secured is null)
                    {
                        return;
                    }

                    // RFC 3207: everything learnt before the upgrade is forgotten.
                    await connection.DisposeAsync();
                    connection = secured;
                    upgraded(secured);
                    (mailFrom, user, password, rcptTo) = (null, null, null, []);
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                case "AUTH":
                    (user, password) = await AuthenticateAsync(argument, connection, token);
                    break;
                case "MAIL":
                    (mailFrom, rcptTo) = (Address(argument), []);
                    await writer.WriteLineAsync("250 2.1.0 OK");
                    break;
                case "RCPT":
                    var reply = RcptReply(Address(argument));
                    if (reply.StartsWith('2'))
                    {
                        rcptTo.Add(Address(argument));
                    }

                    await writer.WriteLineAsync(reply);
                    break;
                case "DATA":
                    await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                    var data = new StringBuilder();
                    while (await connection.Reader.ReadLineAsync(token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    _messages.Enqueue(new ReceivedMail(mailFrom ?? "", rcptTo, user, password, Encoding.Latin1.GetBytes(data.ToString()), connection.Tls?.SslProtocol));
                    await writer.WriteLineAsync("250 2.0.0 OK queued");
                    break;
                case "RSET":
                    (mailFrom, rcptTo) = (null, []);
                    await writer.WriteLineAsync("250 2.0.0 OK");
                    break;
                case "NOOP":
                    await writer.WriteLineAsync("250 2.0.0 OK");
                    break;
                case "QUIT":
                    await writer.WriteLineAsync("221 2.0.0 Bye");
                    return;
                default:
                    await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                    break;
            }
        }
    }

    private async Task<(string? User, string? Password)> AuthenticateAsync(string argument, SmtpConnection connection, CancellationToken token)
    {
        var parts = argument.Split(' ', 2);
        string? user, password;
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var response = parts.Length > 1 ? parts[1] : await ChallengeAsync("", connection, token);
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            (user, password) = (fields[1], fields[2]);
        }
        else if (parts[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            var userText = parts.Length > 1 ? parts[1] : await ChallengeAsync("VXNlcm5hbWU6", connection, token);
            user = Encoding.UTF8.GetString(Convert.FromBase64String(userText));
            password = Encoding.UTF8.GetString(Convert.FromBase64String(await ChallengeAsync("UGFzc3dvcmQ6", connection, token)));
        }
        else
        {
            await connection.Writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
            return (null, null);
        }

        if (Credentials is { } expected && expected.User == user && expected.Password == password)
        {
            await connection.Writer.WriteLineAsync("235 2.7.0 Authentication successful");
            return (user, password);
        }

        await connection.Writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
        return (null, null);
    }

    private static async Task<string> ChallengeAsync(string challenge, SmtpConnection connection, CancellationToken token)
    {
        await connection.Writer.WriteLineAsync($"334 {challenge}");
        return await connection.Reader.ReadLineAsync(token) ?? "";
    }

    // "FROM:<a@b> SIZE=1" → "a@b"
    private static string Address(string argument)
    {
        var start = argument.IndexOf('<', StringComparison.Ordinal);
        var end = argument.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }

    /// <summary>The reader and writer over the session's current stream; replaced when STARTTLS upgrades it.</summary>
    private sealed class SmtpConnection(Stream inner, SslStream? tls) : IAsyncDisposable
    {
        // Latin-1 maps every byte to one char and back, so DATA comes out byte for byte. Both leave the stream
        // open: after STARTTLS the same socket carries the TLS stream.
        public StreamReader Reader { get; } = new(tls ?? inner, Encoding.Latin1, detectEncodingFromByteOrderMarks: false, bufferSize: 1024, leaveOpen: true);

        public StreamWriter Writer { get; } = new(tls ?? inner, Encoding.Latin1, bufferSize: 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };

        public Stream Inner => inner;

        public SslStream? Tls => tls;

        public async ValueTask DisposeAsync()
        {
            Reader.Dispose();
            await Writer.DisposeAsync();
            if (tls is not null)
            {
                await tls.DisposeAsync();
            }
        }
    }
}
