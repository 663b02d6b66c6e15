using System.Text;
using System.Text.Json;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Connectors.Ozon.State;

/// <summary>
/// <c>&lt;state folder&gt;/ledger.jsonl</c>: every idempotency key the shop answered for good (applied or rejected), appended
/// and fsynced before the connector answers, and read back at start. Ozon takes no idempotency key, so this ledger is what
/// keeps a repeated key from changing the shop twice. A key sent without an answer (the call timed out or failed after it
/// left) is marked <see cref="ActionResultStatus.RetryableFailure"/> before the call, so the next attempt reads the shop's
/// state before sending it again, even after a crash.
/// </summary>
/// <remarks>Thread-safe. A torn last line (the process died while writing it) is ignored: its actions were never answered.</remarks>
internal sealed class ActionLedger : IDisposable
{
    public const string FileName = "ledger.jsonl";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _sent = new(StringComparer.Ordinal);
    private readonly FileStream _stream;

    public ActionLedger(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        if (File.Exists(path))
        {
            var lineNumber = 0;
            foreach (var line in File.ReadAllText(path, Encoding.UTF8).Split('\n'))
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line))
                {
                    continue;
                }

                try
                {
                    var entry = JsonSerializer.Deserialize<LedgerEntry>(line, MarketpilotJson.Options);
                    if (entry?.Key is not null)
                    {
                        Remember(entry);
                    }
                }
                catch (JsonException) when (!line.EndsWith('}'))
                {
                    // Torn last line: the write never completed, so its actions were never answered.
                }
                catch (JsonException ex)
                {
                    throw new InvalidDataException($"Line {lineNumber} of {path} is not a ledger entry ({ex.Message}); move the file away only if you accept that its keys may be applied again.", ex);
                }
            }
        }

        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
        if (_stream.Length > 0)
        {
            // Start on a fresh line in case the last one was torn.
            _stream.WriteByte((byte)'\n');
        }
    }

    /// <summary>Finds the key's final answer (applied or rejected).</summary>
    public bool TryGet(string key, out LedgerEntry entry)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out entry!);
        }
    }

    /// <summary>Whether the key was sent and no final answer came back: what it did must be read from the shop.</summary>
    public bool WasSentUnanswered(string key)
    {
        lock (_gate)
        {
            return _sent.Contains(key);
        }
    }

    /// <summary>Marks the keys as sent before the call that carries them, flushed to disk.</summary>
    public void MarkSent(IReadOnlyCollection<(string Key, string Sku)> keys, DateTimeOffset at) =>
        Append([.. keys.Select(k => new LedgerEntry(k.Key, k.Sku, ActionResultStatus.RetryableFailure, "sent; no final answer yet", null, at))]);

    /// <summary>Appends the entries and flushes them to disk (fsync) before returning.</summary>
    public void Append(IReadOnlyCollection<LedgerEntry> entries)
    {
        if (entries.Count == 0)
        {
            return;
        }

        using var buffer = new MemoryStream();
        foreach (var entry in entries)
        {
            JsonSerializer.Serialize(buffer, entry, MarketpilotJson.Options);
            buffer.WriteByte((byte)'\n');
        }

        lock (_gate)
        {
            _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stream.Flush(flushToDisk: true);
            foreach (var entry in entries)
            {
                Remember(entry);
            }
        }
    }

    private void Remember(LedgerEntry entry)
    {
        if (entry.Status == ActionResultStatus.RetryableFailure)
        {
            _sent.Add(entry.Key);
        }
        else
        {
            _sent.Remove(entry.Key);
            _entries[entry.Key] = entry;
        }
    }

    public void Dispose() => _stream.Dispose();
}
