using System.Text;
using System.Text.Json;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Apply;

/// <summary>
/// <c>&lt;state folder&gt;/ledger.jsonl</c>: one JSON line per action answered for good (applied or rejected), appended and
/// flushed to disk (fsync) before the connector answers. A key found here is answered from it and never sent again.
/// </summary>
/// <remarks>Thread-safe. Retryable failures are not recorded: their key must reach Wildberries again.</remarks>
internal sealed class AppliedLedger : IDisposable
{
    public const string FileName = "ledger.jsonl";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, ActionResult> _answered = new(StringComparer.Ordinal);
    private readonly FileStream _stream;

    /// <exception cref="InvalidDataException">A complete line is not a ledger entry: the file was changed by hand or is damaged.</exception>
    public AppliedLedger(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        byte[] content;
        using (var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            content = new byte[file.Length];
            file.ReadExactly(content);

            // A line the process did not finish writing was never answered: cut it off, the host sends its key again.
            var complete = Array.LastIndexOf(content, (byte)'\n') + 1;
            if (complete < content.Length)
            {
                file.SetLength(complete);
                file.Flush(flushToDisk: true);
                content = content[..complete];
            }
        }

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
                var entry = JsonSerializer.Deserialize<ActionResult>(line, WildberriesJson.Options);
                if (entry is not { IdempotencyKey: not null })
                {
                    throw new JsonException("the idempotency key is missing");
                }

                _answered[entry.IdempotencyKey] = entry;
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Line {lineNumber} of {path} is not a ledger entry ({ex.Message}); the connector cannot tell what it applied. Move the file away to start over.", ex);
            }
        }

        _stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite);
    }

    public bool TryGet(string key, out ActionResult result)
    {
        lock (_gate)
        {
            return _answered.TryGetValue(key, out result!);
        }
    }

    /// <summary>Records the final results (applied or rejected) of <paramref name="results"/> and flushes them to disk.</summary>
    /// <exception cref="IOException">The disk refused the write.</exception>
    public void Record(IEnumerable<ActionResult> results)
    {
        var final = results.Where(r => r.Status != ActionResultStatus.RetryableFailure).ToList();
        if (final.Count == 0)
        {
            return;
        }

        using var buffer = new MemoryStream();
        foreach (var result in final)
        {
            JsonSerializer.Serialize(buffer, result, WildberriesJson.Options);
            buffer.WriteByte((byte)'\n');
        }

        lock (_gate)
        {
            // One write of whole lines: a crash leaves at most the last line incomplete, which the constructor cuts off.
            _stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
            _stream.Flush(flushToDisk: true);
            foreach (var result in final)
            {
                _answered.TryAdd(result.IdempotencyKey, result);
            }
        }
    }

    public void Dispose() => _stream.Dispose();
}
