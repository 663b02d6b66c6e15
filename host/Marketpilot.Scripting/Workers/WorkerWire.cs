using MessagePack;
using MessagePack.Formatters;
using MessagePack.Resolvers;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Scripting.Workers;

/// <summary>
/// How the host and its rule workers encode their messages: MessagePack, framed by <see cref="WorkerConnection"/>. A sweep
/// sends every SKU's context and every rule's result across a pipe, so the encoding is what the worker path costs
/// beyond the evaluation itself; MessagePack takes a fraction of the time System.Text.Json took on the same messages.
/// </summary>
/// <remarks>
/// The messages are arrays in their <c>[Key]</c> order; the SDK types a sweep sends most (snapshots, rule states) have
/// hand-written array formatters (<see cref="WireFormatters"/>), which <c>WorkerWireTests</c> holds to every property;
/// the rest cross as maps of their public properties. What comes back from a worker is untrusted: the options refuse deep
/// nesting and hash-flooding keys, and an action is read only as one of the SDK's own action types, never as a type
/// named in the message.
/// </remarks>
internal static class WorkerWire
{
    /// <summary>The serializer options both sides use.</summary>
    public static MessagePackSerializerOptions Options { get; } = MessagePackSerializerOptions.Standard
        .WithResolver(CompositeResolver.Create([new RuleActionFormatter(), .. WireFormatters.All], [MessageTypes.Instance, ContractlessStandardResolver.Instance]))
        .WithSecurity(MessagePackSecurity.UntrustedData);

    // The messages themselves are internal to this assembly; the contractless resolver writes only public types, and
    // the SDK types in the messages must stay that way (their private fields hold the read-only copies rules get).
    private sealed class MessageTypes : IFormatterResolver
    {
        public static readonly MessageTypes Instance = new();

        public IMessagePackFormatter<T>? GetFormatter<T>() =>
            // An array of messages is the standard resolver's (its type has the element's namespace).
            typeof(T).IsArray || typeof(T).Assembly != typeof(MessageTypes).Assembly || typeof(T).Namespace != typeof(MessageTypes).Namespace ? null
            // The messages of every evaluation are arrays by their [Key] order; the others are maps of property names.
            : typeof(T).IsDefined(typeof(MessagePackObjectAttribute), inherit: false) ? DynamicObjectResolverAllowPrivate.Instance.GetFormatter<T>()
            : DynamicContractlessObjectResolverAllowPrivate.Instance.GetFormatter<T>();
    }

    // RuleAction is abstract: an action crosses as [kind, the action's own properties].
    private sealed class RuleActionFormatter : IMessagePackFormatter<RuleAction?>
    {
        public void Serialize(ref MessagePackWriter writer, RuleAction? value, MessagePackSerializerOptions options)
        {
            if (value is null)
            {
                writer.WriteNil();
                return;
            }

            // Written as its own type; reading back is where the kinds are limited to the SDK's own.
            writer.WriteArrayHeader(2);
            writer.Write((int)value.Kind);
            MessagePackSerializer.Serialize(value.GetType(), ref writer, value, options);
        }

        public RuleAction? Deserialize(ref MessagePackReader reader, MessagePackSerializerOptions options)
        {
            if (reader.TryReadNil())
            {
                return null;
            }

            if (reader.ReadArrayHeader() != 2)
            {
                throw new MessagePackSerializationException("an action must be [kind, properties]");
            }

            return (ActionKind)reader.ReadInt32() switch
            {
                ActionKind.SetPrice => Read<SetPrice>(ref reader, options),
                ActionKind.CreateCoupon => Read<CreateCoupon>(ref reader, options),
                ActionKind.CancelCoupon => Read<CancelCoupon>(ref reader, options),
                ActionKind.AddToPromo => Read<AddToPromo>(ref reader, options),
                ActionKind.RemoveFromPromo => Read<RemoveFromPromo>(ref reader, options),
                ActionKind.PauseAds => Read<PauseAds>(ref reader, options),
                ActionKind.ResumeAds => Read<ResumeAds>(ref reader, options),
                ActionKind.SetBid => Read<SetBid>(ref reader, options),
                ActionKind.SetBudget => Read<SetBudget>(ref reader, options),
                ActionKind.Notify => Read<Notify>(ref reader, options),
                var kind => throw new MessagePackSerializationException($"action kind {(int)kind} is not one the host knows"),
            };
        }

        private static T Read<T>(ref MessagePackReader reader, MessagePackSerializerOptions options) =>
            options.Resolver.GetFormatterWithVerify<T>().Deserialize(ref reader, options);
    }
}
