using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Channels.Shared;

/// <summary>
/// What a channel has delivered, by delivery key (the notification's idempotency key and the target): a notification
/// the host sends again (after a timeout, a crash, a retry of another channel) is answered as delivered without being
/// sent twice. With a state folder the keys live in <c>delivered.jsonl</c>, one JSON line each, flushed to disk before
/// the channel answers, so a restart forgets nothing; keys older than the retention are dropped when the file is opened.
/// </summary>
/// <remarks>Thread-safe. <see cref="EnterAsync"/> serialises deliveries of one key, so two calls with the same key never both send.</remarks>
internal sealed partial class DeliveredKeys : IDisposable
{
    public const string FileName = "delivered.jsonl";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _keys;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _inFlight = new(StringComparer.Ordinal);
    private readonly FileStream? _file;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private DeliveredKeys(Dictionary<string, DateTimeOffset> keys, FileStream? file, TimeProvider time, ILogger? logger)
    {
        _keys = keys;
        _file = file;
        _time = time;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The ledger file, or <see langword="null"/> when the keys are kept in memory only.</summary>
    public string? Path => _file?.Name;

    /// <summary>Keys kept for this process only: for a plugin the host gave no state folder, and for tests.</summary>
    public static DeliveredKeys InMemory(TimeProvider time) => new(new(StringComparer.Ordinal), null, time, null);

    /// <summary>Opens (or creates) <see cref="FileName"/> in <paramref name="folder"/>, keeping the keys younger than <paramref name="retention"/>.</summary>
    /// <exception cref="IOException">The file cannot be read or written.</exception>
    public static DeliveredKeys Open(string folder, TimeSpan retention, TimeProvider time, ILogger? logger)
    {
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, FileName);
        var cutoff = time.GetUtcNow() - retention;
        var keys = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        var lines = File.Exists(path) ? File.ReadAllLines(path, Encoding.UTF8) : [];
        foreach (var line in lines)
        {
            // A line the process did not finish writing (it ended mid-write) is dropped: that delivery was never answered.
            if (TryParse(line) is { } entry && entry.At >= cutoff)
            {
                keys[entry.Key] = entry.At;
            }
        }

        if (keys.Count != lines.Length)
        {
            var temporary = path + ".tmp";
            File.WriteAllText(temporary, string.Concat(keys.Select(k => Line(k.Key, k.Value))), Encoding.UTF8);
            File.Move(temporary, path, overwrite: true);
        }

        return new DeliveredKeys(keys, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), time, logger);
    }

    /// <summary>Whether <paramref name="key"/> was delivered.</summary>
    public bool Contains(string key)
    {
        lock (_gate)
        {
            return _keys.ContainsKey(key);
        }
    }

    /// <summary>Records <paramref name="key"/> as delivered; with a file, the line is on disk when this returns.</summary>
    /// <exception cref="IOException">The disk refused the write; the key is still known to this process.</exception>
    public void Add(string key)
    {
        var at = _time.GetUtcNow();
        lock (_gate)
        {
            if (!_keys.TryAdd(key, at) || _file is null)
            {
                return;
            }

            var bytes = Encoding.UTF8.GetBytes(Line(key, at));
            _file.Write(bytes);
            _file.Flush(flushToDisk: true);
        }
    }

    /// <summary>
    /// Sends what <paramref name="send"/> sends unless <paramref name="key"/> was delivered before, one call per key at a
    /// time, and records the key when it is delivered.
    /// </summary>
    public async Task<DeliveryResult> SendOnceAsync(string key, Func<Task<DeliveryResult>> send, CancellationToken cancellationToken)
    {
        if (Contains(key))
        {
            return DeliveryResult.Delivered;
        }

        using var turn = await EnterAsync(key, cancellationToken).ConfigureAwait(false);
        if (Contains(key))
        {
            return DeliveryResult.Delivered;
        }

        var result = await send().ConfigureAwait(false);
        if (result.Status == DeliveryStatus.Delivered)
        {
            try
            {
                Add(key);
            }
            catch (IOException ex)
            {
                // The message is out and this process remembers it; only a restart before the next write could repeat it.
                LogWriteFailed(_logger, Path ?? FileName, ex.Message);
            }
        }

        return result;
    }

    /// <summary>Waits until no other call is delivering <paramref name="key"/>; dispose the result to let the next one in.</summary>
    public async Task<IDisposable> EnterAsync(string key, CancellationToken cancellationToken)
    {
        while (true)
        {
            var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var current = _inFlight.GetOrAdd(key, mine);
            if (ReferenceEquals(current, mine))
            {
                return new Turn(this, key, mine);
            }

            await current.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _file?.Dispose();

    private static string Line(string key, DateTimeOffset at) => JsonSerializer.Serialize(new Entry(key, at)) + "\n";

    private static Entry? TryParse(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<Entry>(line) is { Key: not null } entry ? entry : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Entry(string Key, DateTimeOffset At);

    private sealed class Turn(DeliveredKeys owner, string key, TaskCompletionSource mine) : IDisposable
    {
        public void Dispose()
        {
            owner._inFlight.TryRemove(KeyValuePair.Create(key, mine));
            mine.TrySetResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not record a delivery in {Path}: {Reason}; the key is kept in memory only")]
    private static partial void LogWriteFailed(ILogger logger, string path, string reason);
}
