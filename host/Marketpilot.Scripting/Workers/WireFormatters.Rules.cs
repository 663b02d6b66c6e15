using MessagePack;
using MessagePack.Formatters;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

// A rule's state on a SKU going out, and how its evaluation ended coming back.
internal static partial class WireFormatters
{
    private sealed class RuleStateFormatter : ArrayFormatter<RuleState>
    {
        protected override int Count => 8;

        protected override void WriteFields(ref MessagePackWriter writer, RuleState value)
        {
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

        protected override RuleState ReadFields(ref MessagePackReader reader) => new()
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
