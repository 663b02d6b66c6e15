using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Marketpilot.Channels.Email.Tests.Support;

/// <summary>One message as the server took it: the envelope, who logged in, and the raw DATA.</summary>
public sealed record ReceivedMail(string MailFrom, IReadOnlyList<string> RcptTo, string? User, string? Password, byte[] Data);

/// <summary>
/// A small SMTP server on 127.0.0.1 (a free port) speaking the real protocol: EHLO/HELO, AUTH PLAIN and
/// LOGIN, MAIL FROM, RCPT TO, DATA (with dot-unstuffing), RSET, NOOP and QUIT. No TLS.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<ReceivedMail> _messages = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _accepting;
    private int _sessionCount;

    public SmtpTestServer((string User, string Password)? credentials = null, Func<string, string>? rcptReply = null)
    {
        Credentials = credentials;
        RcptReply = rcptReply ?? (_ => "250 2.1.5 OK");
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public (string User, string Password)? Credentials { get; }

    /// <summary>The reply to RCPT TO for an address, for example <c>550 5.1.1 no such user</c>.</summary>
    public Func<string, string> RcptReply { get; }

    public IReadOnlyList<ReceivedMail> Messages => [.. _messages];

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
        var stream = client.GetStream();
        // Latin-1 maps every byte to one char and back, so DATA comes out byte for byte.
        using var reader = new StreamReader(stream, Encoding.Latin1);
        await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        var token = _stopping.Token;

        string? mailFrom = null, user = null, password = null;
        var rcptTo = new List<string>();
        await writer.WriteLineAsync("220 localhost ESMTP Marketpilot test server");
        while (await reader.ReadLineAsync(token) is { } line)
        {
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            var argument = line.Length > verb.Length ? line[(verb.Length + 1)..] : "";
            switch (verb)
            {
                case "EHLO":
                    await writer.WriteLineAsync("250-localhost");
                    if (Credentials is not null)
                    {
                        await writer.WriteLineAsync("250-AUTH PLAIN LOGIN");
                    }

                    await writer.WriteLineAsync("250 HELP");
                    break;
                case "HELO":
                    await writer.WriteLineAsync("250 localhost");
                    break;
                case "AUTH":
                    (user, password) = await AuthenticateAsync(argument, reader, writer, token);
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
                    while (await reader.ReadLineAsync(token) is { } dataLine && dataLine != ".")
                    {
                        data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                    }

                    _messages.Enqueue(new ReceivedMail(mailFrom ?? "", rcptTo, user, password, Encoding.Latin1.GetBytes(data.ToString())));
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

    private async Task<(string? User, string? Password)> AuthenticateAsync(string argument, StreamReader reader, StreamWriter writer, CancellationToken token)
    {
        var parts = argument.Split(' ', 2);
        string? user, password;
        if (parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
        {
            var response = parts.Length > 1 ? parts[1] : await ChallengeAsync("", reader, writer, token);
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            (user, password) = (fields[1], fields[2]);
        }
        else if (parts[0].Equals("LOGIN", StringComparison.OrdinalIgnoreCase))
        {
            var userText = parts.Length > 1 ? parts[1] : await ChallengeAsync("VXNlcm5hbWU6", reader, writer, token);
            user = Encoding.UTF8.GetString(Convert.FromBase64String(userText));
            password = Encoding.UTF8.GetString(Convert.FromBase64String(await ChallengeAsync("UGFzc3dvcmQ6", reader, writer, token)));
        }
        else
        {
            await writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
            return (null, null);
        }

        if (Credentials is { } expected && expected.User == user && expected.Password == password)
        {
            await writer.WriteLineAsync("235 2.7.0 Authentication successful");
            return (user, password);
        }

        await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
        return (null, null);
    }

    private static async Task<string> ChallengeAsync(string challenge, StreamReader reader, StreamWriter writer, CancellationToken token)
    {
        await writer.WriteLineAsync($"334 {challenge}");
        return await reader.ReadLineAsync(token) ?? "";
    }

    // "FROM:<a@b> SIZE=1" → "a@b"
    private static string Address(string argument)
    {
        var start = argument.IndexOf('<', StringComparison.Ordinal);
        var end = argument.IndexOf('>', StringComparison.Ordinal);
        return start >= 0 && end > start ? argument[(start + 1)..end] : argument;
    }
}
