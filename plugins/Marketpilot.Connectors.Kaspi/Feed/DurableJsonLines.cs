using System.Text;
using System.Text.Json;

namespace Marketpilot.Connectors.Kaspi.Feed;

/// <summary>
/// An append-only file of JSON lines, each write flushed to disk (fsync) before it returns. A line the process did not
/// finish writing is cut off when the file is opened: whatever it recorded was never acknowledged.
/// </summary>
/// <remarks>Not thread-safe: the caller serializes writes.</remarks>
internal sealed class DurableJsonLines<T> : IDisposable
    where T : class
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    private readonly FileStream _appender;

    private DurableJsonLines(string path, FileStream appender)
    {
        Path = path;
        _appender = appender;
    }

    public string Path { get; }

    /// <summary>Opens or creates <paramref name="path"/> and returns every complete line in it, oldest first.</summary>
    /// <exception cref="InvalidDataException">A complete line is not a <typeparamref name="T"/>; the message names the file and the line.</exception>
    public static DurableJsonLines<T> Open(string path, out List<T> lines)
    {
        byte[] bytes;
        using (var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            bytes = new byte[file.Length];
            file.ReadExactly(bytes);
            var end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
            if (end < bytes.Length)
            {
                file.SetLength(end);
                file.Flush(flushToDisk: true);
                bytes = bytes[..end];
            }
        }

        lines = [];
        var number = 0;
        foreach (var text in Encoding.UTF8.GetString(bytes).Split('\n'))
        {
            number++;
            if (text.Length == 0)
            {
                continue;
            }

            try
            {
                lines.Add(JsonSerializer.Deserialize<T>(text, Options) ?? throw new JsonException("the line is null"));
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"Line {number} of {path} cannot be read ({ex.Message}); the Kaspi connector cannot tell which prices it recorded. Move the file away to start over.", ex);
            }
        }

        return new DurableJsonLines<T>(path, new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite));
    }

    /// <summary>Appends <paramref name="line"/> and flushes it to disk.</summary>
    /// <exception cref="IOException">The disk refused the write.</exception>
    public void Append(T line)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(line, Options);
        var buffer = new byte[bytes.Length + 1];
        bytes.CopyTo(buffer, 0);
        buffer[^1] = (byte)'\n';
        _appender.Write(buffer);
        _appender.Flush(flushToDisk: true);
    }

    public void Dispose() => _appender.Dispose();
}
