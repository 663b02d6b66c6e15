using System.Text;
using System.Text.Json;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Connectors.Ozon.State;

/// <summary>
/// <c>&lt;state folder&gt;/ledger.jsonl</c>: every idempotency key the shop answered for good (applied or rejected), appended
/// and fsynced before the connector answers, and read back at start. Ozon takes no idempotency key, so this ledger is what
/// keeps a repeated key from changing the shop twice.
/// </summary>
/// <remarks>Thread-safe. A torn last line (the process died while writing it) is ignored: its actions were never answered.</remarks>
internal sealed class ActionLedger : IDisposable
{
    public const string FileName = "ledger.jsonl";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);
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
                        _entries[entry.Key] = entry;
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

    public bool TryGet(string key, out LedgerEntry entry)
    {
        lock (_gate)
        {
            return _entries.TryGetValue(key, out entry!);
        }
    }

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
                _entries[entry.Key] = entry;
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
