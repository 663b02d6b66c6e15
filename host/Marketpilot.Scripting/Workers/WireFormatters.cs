using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using MessagePack;
using MessagePack.Formatters;

namespace Marketpilot.Scripting.Workers;

/// <summary>
/// The SDK types that cross to the workers for every evaluation, written as arrays in a fixed order instead of maps of
/// property names, and decimals as their 16 bytes instead of text: a sweep's message shrank from 56.5 to about 20 KB and
/// took a third of the time to write and half to read (WireBenchmarks). Both sides are the same build, so they agree on
/// the order; WorkerWireTests sets every property of these types by reflection and checks it crosses, so a property added
/// to the SDK and not here fails a test rather than vanishing on the way.
/// </summary>
internal static partial class WireFormatters
{
    /// <summary>The formatters, for <see cref="WorkerWire.Options"/>.</summary>
    public static IMessagePackFormatter[] All { get; } =
    [
        DecimalBits.Instance,
        new StaticNullableFormatter<decimal>(DecimalBits.Instance),
        new RuleStateFormatter(),
        new SkuSnapshotFormatter(),
        new CampaignSnapshotFormatter(),
        new OutputFormatter(),
    ];

    // A type written as an array of its properties in a fixed order; null as nil. Reading counts against the options'
    // depth limit, as MessagePack's own formatters do, and refuses an array of any other length.
    private abstract class ArrayFormatter<T> : IMessagePackFormatter<T?>
        where T : class
    {
        protected abstract int Count { get; }

        public void Serialize(ref MessagePackWriter writer, T? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            writer.WriteArrayHeader(Count);
            WriteFields(ref writer, value);
        }

        public T? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            options.Security.DepthStep(ref reader);
            ReadHeader(ref reader, Count, typeof(T).Name);
            var value = ReadFields(ref reader);
            reader.Depth--;
            return value;
        }

        protected abstract void WriteFields(ref MessagePackWriter writer, T value);

        protected abstract T ReadFields(ref MessagePackReader reader);
    }

    private static void ReadHeader(ref MessagePackReader reader, int count, string type)
    {
        var actual = reader.ReadArrayHeader();
        if (actual != count)
        {
            throw new MessagePackSerializationException($"a {type} must be an array of {count} values, not {actual}");
        }
    }

    private static string RequiredString(ref MessagePackReader reader, string property) =>
        reader.ReadString() ?? throw new MessagePackSerializationException($"{property} must not be null");

    private static void Write(ref MessagePackWriter writer, decimal value) => DecimalBits.Instance.Serialize(ref writer, value, null!);

    private static decimal ReadDecimal(ref MessagePackReader reader) => DecimalBits.Instance.Deserialize(ref reader, null!);

    private static void Write(ref MessagePackWriter writer, decimal? value)
    {
        if (value is { } present)
        {
            Write(ref writer, present);
        }
        else
        {
            writer.WriteNil();
        }
    }

    private static decimal? ReadNullableDecimal(ref MessagePackReader reader) => reader.TryReadNil() ? null : ReadDecimal(ref reader);

    private static void Write(ref MessagePackWriter writer, DateTimeOffset? value)
    {
        if (value is not { } present)
        {
            writer.WriteNil();
            return;
        }

        writer.WriteArrayHeader(2);
        writer.Write(present.UtcTicks);
        writer.Write((short)present.TotalOffsetMinutes);
    }

    private static DateTimeOffset? ReadDateTimeOffset(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        ReadHeader(ref reader, 2, nameof(DateTimeOffset));
        var utcTicks = reader.ReadInt64();
        var offset = TimeSpan.FromMinutes(reader.ReadInt16());
        try
        {
            return new DateTimeOffset(utcTicks + offset.Ticks, offset);
        }
        catch (ArgumentException invalid)
        {
            throw new MessagePackSerializationException("a time out of range", invalid);
        }
    }

    private static void Write(ref MessagePackWriter writer, DateOnly? value)
    {
        if (value is { } present)
        {
            writer.Write(present.DayNumber);
        }
        else
        {
            writer.WriteNil();
        }
    }

    private static DateOnly? ReadDateOnly(ref MessagePackReader reader)
    {
        if (reader.TryReadNil())
        {
            return null;
        }

        var day = reader.ReadInt32();
        return day is >= 0 and <= 3_652_058 ? DateOnly.FromDayNumber(day) : throw new MessagePackSerializationException($"day number {day} is out of range");
    }

    private static void Write(ref MessagePackWriter writer, IReadOnlyList<string> values)
    {
        writer.WriteArrayHeader(values.Count);
        foreach (var value in values)
        {
            writer.Write(value);
        }
    }

    // Immutable as it is read, so a snapshot's init keeps it without another copy.
    private static IReadOnlyList<string> ReadStrings(ref MessagePackReader reader, string property)
    {
        var count = reader.ReadArrayHeader();
        if (count == 0)
        {
            return Array.Empty<string>();
        }

        var values = ImmutableArray.CreateBuilder<string>(count);
        for (var i = 0; i < count; i++)
        {
            values.Add(RequiredString(ref reader, property));
        }

        return values.MoveToImmutable();
    }

    private static T ReadEnum<T>(ref MessagePackReader reader)
        where T : struct, Enum
    {
        // Reinterpreting the int is right only for int-backed enums, as every enum on the wire is; the JIT drops the check.
        if (Unsafe.SizeOf<T>() != sizeof(int))
        {
            throw new NotSupportedException($"{typeof(T).Name} is not backed by an int");
        }

        var value = reader.ReadInt32();
        var typed = Unsafe.As<int, T>(ref value);
        return Enum.IsDefined(typed) ? typed : throw new MessagePackSerializationException($"{value} is not a {typeof(T).Name}");
    }
}
