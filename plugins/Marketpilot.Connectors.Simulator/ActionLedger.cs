using System.Text;
using System.Text.Json;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Connectors.Simulator;

/// <summary>
/// <c>&lt;state folder&gt;/ledger.jsonl</c>: one JSON line per delivered action (<see cref="LedgerEntry"/>), appended and
/// flushed to disk before the connector answers. It is the simulator's source of truth: replayed at start, it gives
/// back every key the shop answered and every change actions made.
/// </summary>
/// <remarks>Not thread-safe; <see cref="SimulatorConnector"/> writes under its lock, so the ledger's order is the order actions were applied in.</remarks>
internal sealed class ActionLedger : IDisposable
{
    public const string FileName = "ledger.jsonl";

    private readonly FileStream _stream;

    private ActionLedger(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>The ledger file.</summary>
    public string Path { get; }

    /// <summary>Opens (or creates) the ledger in <paramref name="folder"/> and reads what it holds.</summary>
    /// <param name="folder">The state folder.</param>
    /// <param name="entries">Every complete line, oldest first.</param>
    /// <param name="tornBytes">
    /// The length of an incomplete last line (the process ended while writing it), which is cut off: its action was never
    /// answered, so the host sends it again. 0 when the file ends with a complete line.
    /// </param>
    /// <exception cref="InvalidDataException">A complete line is not a ledger entry: the file was changed by hand or is damaged.</exception>
    public static ActionLedger Open(string folder, out List<LedgerEntry> entries, out int tornBytes)
    {
        var path = System.IO.Path.Combine(folder, FileName);
        byte[] content;
        // Another instance (a reloaded plugin that is still finishing its calls) may have the file open.
        using (var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            content = new byte[file.Length];
            file.ReadExactly(content);
            var complete = Array.LastIndexOf(content, (byte)'\n') + 1;
            tornBytes = content.Length - complete;
            if (tornBytes > 0)
            {
                file.SetLength(complete);
                file.Flush(flushToDisk: true);
            }

            content = content[..complete];
        }

        entries = Parse(path, content);
        return new ActionLedger(path, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
    }

    /// <summary>Appends one line per entry and flushes them to disk (fsync) before returning.</summary>
    /// <exception cref="IOException">The disk refused the write; the entries may be missing.</exception>
    public void Append(IReadOnlyList<LedgerEntry> entries)
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

        // One write of whole lines: a crash leaves at most the last line incomplete, which Open cuts off.
        _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        _stream.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private static List<LedgerEntry> Parse(string path, byte[] content)
    {
        var entries = new List<LedgerEntry>();
        var lineNumber = 0;
        foreach (var line in Encoding.UTF8.GetString(content).Split('\n'))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                var entry = JsonSerializer.Deserialize<LedgerEntry>(line, MarketpilotJson.Options);
                entries.Add(entry is { Key: not null, Sku: not null, Outcome: not null, Action: not null }
                    ? entry
                    : throw new JsonException("key, sku, outcome and action are required"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Line {lineNumber} of {path} is not a ledger entry ({ex.Message}); the simulator cannot tell what it applied. Move the file away to start over.", ex);
            }
        }

        return entries;
    }
}
