using System.Buffers;
using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MessagePack;
using MessagePack.Formatters;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>
/// The SDK types that cross to the workers for every evaluation, written as arrays in a fixed order instead of maps of
/// property names, and decimals as their 16 bytes instead of text: a sweep's message shrank from 56.5 to about 20 KB and
/// took a third of the time to write and half to read (WireBenchmarks). Both sides are the same build, so they agree on
/// the order; WorkerWireTests sets every property of these types by reflection and checks it crosses, so a property added
/// to the SDK and not here fails a test rather than vanishing on the way.
/// </summary>
internal static class WireFormatters
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
        var value = reader.ReadInt32();
        var typed = Unsafe.As<int, T>(ref value);
        return Enum.IsDefined(typed) ? typed : throw new MessagePackSerializationException($"{value} is not a {typeof(T).Name}");
    }

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
    /// A history's numbers as their bytes: read back with one copy, and passed over with one jump by StreamJsonRpc, which
    /// walks a request once to find its parameters before it reads them (that walk was 5% of a worker's time in a sweep,
    /// most of it over the histories' numbers).
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

    private sealed class RuleStateFormatter : IMessagePackFormatter<RuleState?>
    {
        private const int Count = 8;

        public void Serialize(ref MessagePackWriter writer, RuleState? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            writer.WriteArrayHeader(Count);
            writer.Write(value.RuleId);
            writer.Write(value.RuleVersion);
            Write(ref writer, value.LastRunAt);
            Write(ref writer, value.LastFiredAt);
            if (value.LastOutcome is { } outcome)
            {
                writer.Write((int)outcome);
            }
            else
            {
                writer.WriteNil();
            }

            writer.Write(value.LastError);
            writer.Write(value.ConsecutiveFailures);
            writer.Write(value.TotalFailures);
        }

        public RuleState? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            options.Security.DepthStep(ref reader);
            ReadHeader(ref reader, Count, nameof(RuleState));
            var state = new RuleState
            {
                RuleId = RequiredString(ref reader, nameof(RuleState.RuleId)),
                RuleVersion = reader.ReadString(),
                LastRunAt = ReadDateTimeOffset(ref reader),
                LastFiredAt = ReadDateTimeOffset(ref reader),
                LastOutcome = reader.TryReadNil() ? null : ReadEnum<RuleOutcome>(ref reader),
                LastError = reader.ReadString(),
                ConsecutiveFailures = reader.ReadInt32(),
                TotalFailures = reader.ReadInt32(),
            };
            reader.Depth--;
            return state;
        }
    }

    private sealed class SkuSnapshotFormatter : IMessagePackFormatter<SkuSnapshot?>
    {
        private const int Count = 22;

        public void Serialize(ref MessagePackWriter writer, SkuSnapshot? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            writer.WriteArrayHeader(Count);
            writer.Write(value.Marketplace);
            writer.Write(value.ShopId);
            writer.Write(value.Sku);
            writer.Write(value.Title);
            writer.Write(value.Category);
            Write(ref writer, value.Price);
            Write(ref writer, value.Cost);
            Write(ref writer, value.MinPrice);
            writer.Write(value.Stock);
            writer.Write(value.AvgDailyDemand);
            writer.Write(value.Impressions);
            writer.Write(value.Clicks);
            writer.Write(value.AddToCart);
            writer.Write(value.Orders);
            writer.Write(value.Returns);
            Write(ref writer, value.Revenue);
            writer.Write(value.TrafficSource);
            writer.Write(value.CardStatus);
            Write(ref writer, value.ListedAt);
            Write(ref writer, value.Date);
            Write(ref writer, value.Promotions);
            Write(ref writer, value.Tags);
        }

        public SkuSnapshot? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            options.Security.DepthStep(ref reader);
            ReadHeader(ref reader, Count, nameof(SkuSnapshot));
            var sku = new SkuSnapshot
            {
                Marketplace = RequiredString(ref reader, nameof(SkuSnapshot.Marketplace)),
                ShopId = RequiredString(ref reader, nameof(SkuSnapshot.ShopId)),
                Sku = RequiredString(ref reader, nameof(SkuSnapshot.Sku)),
                Title = reader.ReadString(),
                Category = reader.ReadString(),
                Price = ReadDecimal(ref reader),
                Cost = ReadDecimal(ref reader),
                MinPrice = ReadNullableDecimal(ref reader),
                Stock = reader.ReadInt32(),
                AvgDailyDemand = reader.ReadDouble(),
                Impressions = reader.ReadInt64(),
                Clicks = reader.ReadInt64(),
                AddToCart = reader.ReadInt64(),
                Orders = reader.ReadInt64(),
                Returns = reader.ReadInt64(),
                Revenue = ReadNullableDecimal(ref reader),
                TrafficSource = reader.ReadString(),
                CardStatus = reader.ReadString(),
                ListedAt = ReadDateTimeOffset(ref reader),
                Date = ReadDateOnly(ref reader),
                Promotions = ReadStrings(ref reader, nameof(SkuSnapshot.Promotions)),
                Tags = ReadStrings(ref reader, nameof(SkuSnapshot.Tags)),
            };
            reader.Depth--;
            return sku;
        }
    }

    private sealed class CampaignSnapshotFormatter : IMessagePackFormatter<CampaignSnapshot?>
    {
        private const int Count = 16;

        public void Serialize(ref MessagePackWriter writer, CampaignSnapshot? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            writer.WriteArrayHeader(Count);
            writer.Write(value.Marketplace);
            writer.Write(value.ShopId);
            writer.Write(value.CampaignId);
            writer.Write(value.Name);
            writer.Write((int)value.Kind);
            writer.Write((int)value.Status);
            Write(ref writer, value.Budget);
            Write(ref writer, value.Bid);
            Write(ref writer, value.Spend);
            Write(ref writer, value.Revenue);
            writer.Write(value.Impressions);
            writer.Write(value.Clicks);
            writer.Write(value.Orders);
            Write(ref writer, value.AveragePosition);
            Write(ref writer, value.Skus);
            Write(ref writer, value.Date);
        }

        public CampaignSnapshot? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            options.Security.DepthStep(ref reader);
            ReadHeader(ref reader, Count, nameof(CampaignSnapshot));
            var campaign = new CampaignSnapshot
            {
                Marketplace = RequiredString(ref reader, nameof(CampaignSnapshot.Marketplace)),
                ShopId = RequiredString(ref reader, nameof(CampaignSnapshot.ShopId)),
                CampaignId = RequiredString(ref reader, nameof(CampaignSnapshot.CampaignId)),
                Name = reader.ReadString(),
                Kind = ReadEnum<CampaignKind>(ref reader),
                Status = ReadEnum<CampaignStatus>(ref reader),
                Budget = ReadDecimal(ref reader),
                Bid = ReadDecimal(ref reader),
                Spend = ReadDecimal(ref reader),
                Revenue = ReadDecimal(ref reader),
                Impressions = reader.ReadInt64(),
                Clicks = reader.ReadInt64(),
                Orders = reader.ReadInt64(),
                AveragePosition = ReadNullableDecimal(ref reader),
                Skus = ReadStrings(ref reader, nameof(CampaignSnapshot.Skus)),
                Date = ReadDateOnly(ref reader),
            };
            reader.Depth--;
            return campaign;
        }
    }

    // An evaluation that proposed, logged and failed nothing crosses as its outcome alone, one byte.
    private sealed class OutputFormatter : IMessagePackFormatter<WorkerEvaluationOutput?>
    {
        private const int Count = 4;

        // Immutable, so one per outcome serves every evaluation that ended with nothing else.
        private static readonly WorkerEvaluationOutput[] Bare = BareOutputs();

        public void Serialize(ref MessagePackWriter writer, WorkerEvaluationOutput? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            if (value.Actions.Count == 0 && value.Messages.Count == 0 && value.Error is null)
            {
                writer.Write((int)value.Outcome);
                return;
            }

            writer.WriteArrayHeader(Count);
            writer.Write((int)value.Outcome);
            options.Resolver.GetFormatterWithVerify<IReadOnlyList<RuleAction>>().Serialize(ref writer, value.Actions, options);
            Write(ref writer, value.Messages);
            writer.Write(value.Error);
        }

        private static WorkerEvaluationOutput[] BareOutputs()
        {
            var outcomes = Enum.GetValues<RuleOutcome>();
            var bare = new WorkerEvaluationOutput[outcomes.Max(o => (int)o) + 1];
            foreach (var outcome in outcomes)
            {
                bare[(int)outcome] = new WorkerEvaluationOutput(outcome, [], [], null);
            }

            return bare;
        }

        public WorkerEvaluationOutput? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            if (reader.NextMessagePackType == MessagePackType.Integer)
            {
                return Bare[(int)ReadEnum<RuleOutcome>(ref reader)];
            }

            options.Security.DepthStep(ref reader);
            ReadHeader(ref reader, Count, "rule output");
            var output = new WorkerEvaluationOutput(
                ReadEnum<RuleOutcome>(ref reader),
                options.Resolver.GetFormatterWithVerify<IReadOnlyList<RuleAction>>().Deserialize(ref reader, options) ?? [],
                ReadStrings(ref reader, nameof(WorkerEvaluationOutput.Messages)),
                reader.ReadString());
            reader.Depth--;
            return output;
        }
    }
}
