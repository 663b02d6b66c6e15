using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MessagePack;

namespace Marketpilot.Scripting.Workers;

/// <summary>
/// One side of the connection between the host and a rule worker: frames of MessagePack over the worker's standard
/// input and output, one request and its answer at a time (a worker's slot in the pool waits for each answer before
/// it sends the next). A frame is its length (4 bytes, big-endian), a tag (what the request asks, or whether the
/// answer is a result or a refusal) and the body in <see cref="WorkerWire.Options"/>.
/// </summary>
/// <remarks>
/// Reads and writes block the caller's thread: a dedicated one on both sides. With one message in flight there is
/// nothing to multiplex, and a blocking read is woken by the kernel straight on the thread that handles the message;
/// JSON-RPC over async pipes (StreamJsonRpc, before) cost each round trip several thread hand-offs on each side,
/// ~5× the latency and ~3× the CPU of this on the same 47 KB message (docs/performance.md). The buffers are reused:
/// a frame's body is valid until the next frame is read.
/// </remarks>
internal sealed class WorkerConnection(Stream sending, Stream receiving)
{
    /// <summary>The largest frame either side accepts: far above a sweep's messages and a compiled rule's image.</summary>
    public const int MaxFrameBytes = 64 << 20;

    private const int HeaderBytes = sizeof(int) + 1;

    private readonly ArrayBufferWriter<byte> _sending = new(64 * 1024);
    private byte[] _receiving = new byte[64 * 1024];

    /// <summary>Serializes <paramref name="body"/> whole, then writes it as one frame: a body that fails to serialize writes nothing.</summary>
    public void Send<T>(WorkerFrame tag, T body)
    {
        Serialize(body);
        Flush(tag);
    }

    /// <summary>Serializes the next frame's body; <see cref="Flush"/> writes it.</summary>
    /// <exception cref="MessagePackSerializationException">The body cannot be written; nothing was sent.</exception>
    public void Serialize<T>(T body)
    {
        _sending.ResetWrittenCount();
        _sending.Advance(HeaderBytes);
        MessagePackSerializer.Serialize(_sending, body, WorkerWire.Options);
    }

    /// <summary>Writes the body <see cref="Serialize"/> wrote as one frame, the header in front of it, so it wakes the reader once.</summary>
    /// <exception cref="IOException">The stream failed.</exception>
    public void Flush(WorkerFrame tag)
    {
        var frame = MemoryMarshal.AsMemory(_sending.WrittenMemory).Span;
        BinaryPrimitives.WriteInt32BigEndian(frame, frame.Length - HeaderBytes);
        frame[sizeof(int)] = (byte)tag;
        sending.Write(frame);
        sending.Flush();
    }

    /// <summary>Reads the next frame; <see langword="null"/> when the other side has closed the stream between frames.</summary>
    /// <exception cref="InvalidDataException">A frame's length is out of bounds.</exception>
    /// <exception cref="IOException">The stream failed, or ended inside a frame (<see cref="EndOfStreamException"/>).</exception>
    public (WorkerFrame Tag, ReadOnlyMemory<byte> Body)? Receive()
    {
        if (!ReadExactly(_receiving.AsSpan(0, HeaderBytes), endAllowed: true))
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32BigEndian(_receiving);
        if (length is < 0 or > MaxFrameBytes)
        {
            throw new InvalidDataException($"a frame of {length} bytes (at most {MaxFrameBytes} are accepted)");
        }

        var tag = (WorkerFrame)_receiving[sizeof(int)];
        if (_receiving.Length < length)
        {
            _receiving = new byte[Math.Max(length, _receiving.Length * 2)];
        }

        ReadExactly(_receiving.AsSpan(0, length), endAllowed: false);
        return (tag, _receiving.AsMemory(0, length));
    }

    /// <summary>Reads a body as <typeparamref name="T"/>.</summary>
    /// <exception cref="MessagePackSerializationException">The body is not a <typeparamref name="T"/> the wire accepts.</exception>
    public static T Read<T>(ReadOnlyMemory<byte> body) => MessagePackSerializer.Deserialize<T>(body, WorkerWire.Options);

    private bool ReadExactly(Span<byte> into, bool endAllowed)
    {
        var read = 0;
        while (read < into.Length)
        {
            var count = receiving.Read(into[read..]);
            if (count == 0)
            {
                // Between frames the other side closed the connection; inside one it died (or was killed) writing it.
                return read == 0 && endAllowed ? false : throw new EndOfStreamException($"the stream ended {read} bytes into {into.Length}");
            }

            read += count;
        }

        return true;
    }
}

/// <summary>What a frame of <see cref="WorkerConnection"/> holds.</summary>
internal enum WorkerFrame : byte
{
    /// <summary>An answer: the result.</summary>
    Result = 0,

    /// <summary>An answer: the worker could not handle the request; the body is the reason (a string).</summary>
    Refused = 1,

    /// <summary>A request: compile a script (<see cref="WorkerCompileRequest"/>).</summary>
    Compile = 2,

    /// <summary>A request: evaluate a batch (<see cref="WorkerEvaluationBatch"/>).</summary>
    Evaluate = 3,

    /// <summary>The worker's first frame, unasked: it has started and reads requests; the body is its process id (an int).</summary>
    Ready = 4,
}
