using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;
using MessagePack;
using MessagePack.Formatters;

namespace Marketpilot.Scripting.Workers;

// Decimals and a history's numbers as their bytes.
internal static partial class WireFormatters
{
    /// <summary>A decimal as its 16 bytes (<see cref="decimal.GetBits(decimal)"/>); reading validates them as the constructor does.</summary>
    private sealed class DecimalBits : IMessagePackFormatter<decimal>
    {
        public static readonly DecimalBits Instance = new();

        public void Serialize(ref MessagePackWriter writer, decimal value, MessagePackSerializerOptions options)
        {
            Span<int> bits = stackalloc int[4];
            decimal.GetBits(value, bits);
            writer.WriteBinHeader(16);
            var bytes = writer.GetSpan(16);
            for (var i = 0; i < 4; i++)
            {
                BinaryPrimitives.WriteInt32LittleEndian(bytes[(i * 4)..], bits[i]);
            }

            writer.Advance(16);
        }

        public decimal Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            var sequence = reader.ReadBytes();
            if (sequence is not { Length: 16 } read)
            {
                throw new MessagePackSerializationException("a decimal must be 16 bytes");
            }

            Span<byte> bytes = stackalloc byte[16];
            read.CopyTo(bytes);
            Span<int> bits = stackalloc int[4];
            for (var i = 0; i < 4; i++)
            {
                bits[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes[(i * 4)..]);
            }

            try
            {
                return new decimal(bits);
            }
            catch (ArgumentException invalid)
            {
                throw new MessagePackSerializationException("the bytes are not a decimal", invalid);
            }
        }
    }

    /// <summary>
    /// A history's numbers as their bytes: written and read back with one copy each, not one MessagePack integer at a
    /// time (reading them one by one was 2% of a worker's time in a sweep).
    /// </summary>
    public sealed class LongsAsBytes : IMessagePackFormatter<long[]?>
    {
        public void Serialize(ref MessagePackWriter writer, long[]? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            var bytes = value.Length * sizeof(long);
            writer.WriteBinHeader(bytes);
            var span = writer.GetSpan(bytes);
            for (var i = 0; i < value.Length; i++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(span[(i * sizeof(long))..], value[i]);
            }

            writer.Advance(bytes);
        }

        public long[]? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            var sequence = reader.ReadBytes() ?? throw new MessagePackSerializationException("expected bytes");
            if (sequence.Length % sizeof(long) != 0)
            {
                throw new MessagePackSerializationException($"{sequence.Length} bytes are not a whole number of 64-bit numbers");
            }

            var values = new long[sequence.Length / sizeof(long)];
            var bytes = MemoryMarshal.AsBytes(values.AsSpan());
            sequence.CopyTo(bytes);
            if (!BitConverter.IsLittleEndian)
            {
                for (var i = 0; i < values.Length; i++)
                {
                    values[i] = BinaryPrimitives.ReverseEndianness(values[i]);
                }
            }

            return values;
        }
    }
}
