using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Skus;

/// <summary>
/// What a SKU remembers about each rule, by rule id, stored as values in place. Every update runs every rule and
/// changes each one's state (at least when it last ran): kept as <see cref="RuleState"/> objects, each update left a
/// dozen new objects hanging off a grain that lives for hours, which the GC promoted from collection to collection, and
/// at 100,000 active SKUs that was half of what survived each one (docs/performance.md). Here a round writes into the
/// entries it already has; a <see cref="RuleState"/> is built when one is read, and dies young.
/// </summary>
/// <remarks>Stored as JSON exactly as a dictionary of <see cref="RuleState"/> by rule id, so files written before read back unchanged.</remarks>
[GenerateSerializer]
[Alias("Marketpilot.Grains.Skus.SkuRuleStates")]
[JsonConverter(typeof(SkuRuleStatesJsonConverter))]
public sealed class SkuRuleStates : IReadOnlyDictionary<string, RuleState>
{
    [Id(0)]
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public int Count => _entries.Count;

    /// <inheritdoc />
    public IEnumerable<string> Keys => _entries.Keys;

    /// <inheritdoc />
    public IEnumerable<RuleState> Values => _entries.Select(e => e.Value.ToState(e.Key));

    /// <inheritdoc />
    public RuleState this[string key] => _entries[key].ToState(key);

    /// <summary>Records <paramref name="state"/> as its rule's state, in the entry the rule already has when it has one.</summary>
    /// <param name="state">The rule's new state.</param>
    public void Set(RuleState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        CollectionsMarshal.GetValueRefOrAddDefault(_entries, state.RuleId, out _) = Entry.Of(state);
    }

    /// <inheritdoc />
    public bool ContainsKey(string key) => _entries.ContainsKey(key);

    /// <inheritdoc />
    public bool TryGetValue(string key, [MaybeNullWhen(false)] out RuleState value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            value = entry.ToState(key);
            return true;
        }

        value = null;
        return false;
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, RuleState>> GetEnumerator() =>
        _entries.Select(e => KeyValuePair.Create(e.Key, e.Value.ToState(e.Key))).GetEnumerator();

    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>The entries as stored, for writing them without building a <see cref="RuleState"/> each.</summary>
    internal IReadOnlyDictionary<string, Entry> Entries => _entries;

    /// <summary>One rule's state without its id (the key): strings it holds are the rule's own, which outlive the update.</summary>
    [GenerateSerializer]
    [Alias("Marketpilot.Grains.Skus.SkuRuleStates.Entry")]
    internal readonly record struct Entry(
        [property: Id(0)] string? RuleVersion,
        [property: Id(1)] DateTimeOffset? LastRunAt,
        [property: Id(2)] DateTimeOffset? LastFiredAt,
        [property: Id(3)] RuleOutcome? LastOutcome,
        [property: Id(4)] string? LastError,
        [property: Id(5)] int ConsecutiveFailures,
        [property: Id(6)] int TotalFailures)
    {
        public static Entry Of(RuleState state) => new(
            state.RuleVersion, state.LastRunAt, state.LastFiredAt, state.LastOutcome, state.LastError, state.ConsecutiveFailures, state.TotalFailures);

        public RuleState ToState(string ruleId) => new()
        {
            RuleId = ruleId,
            RuleVersion = RuleVersion,
            LastRunAt = LastRunAt,
            LastFiredAt = LastFiredAt,
            LastOutcome = LastOutcome,
            LastError = LastError,
            ConsecutiveFailures = ConsecutiveFailures,
            TotalFailures = TotalFailures,
        };
    }
}

/// <summary>
/// Writes and reads <see cref="SkuRuleStates"/> as a JSON object of <see cref="RuleState"/> by rule id, in
/// <see cref="Sdk.Serialization.MarketpilotJson"/>'s conventions. Written by hand from the entries, without a
/// <see cref="RuleState"/> each, and without the counts while they are 0: a build that reads the states as
/// <see cref="RuleState"/> objects (the one before, a silo not yet upgraded) reads them the same.
/// </summary>
internal sealed class SkuRuleStatesJsonConverter : JsonConverter<SkuRuleStates>
{
    private static readonly JsonEncodedText RuleId = JsonEncodedText.Encode("ruleId");
    private static readonly JsonEncodedText RuleVersion = JsonEncodedText.Encode("ruleVersion");
    private static readonly JsonEncodedText LastRunAt = JsonEncodedText.Encode("lastRunAt");
    private static readonly JsonEncodedText LastFiredAt = JsonEncodedText.Encode("lastFiredAt");
    private static readonly JsonEncodedText LastOutcome = JsonEncodedText.Encode("lastOutcome");
    private static readonly JsonEncodedText LastError = JsonEncodedText.Encode("lastError");
    private static readonly JsonEncodedText ConsecutiveFailures = JsonEncodedText.Encode("consecutiveFailures");
    private static readonly JsonEncodedText TotalFailures = JsonEncodedText.Encode("totalFailures");

    private static readonly Dictionary<RuleOutcome, JsonEncodedText> Outcomes = Enum.GetValues<RuleOutcome>()
        .ToDictionary(outcome => outcome, outcome => JsonEncodedText.Encode(JsonNamingPolicy.CamelCase.ConvertName(outcome.ToString())));

    public override SkuRuleStates Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var states = new SkuRuleStates();
        foreach (var (ruleId, state) in JsonSerializer.Deserialize<Dictionary<string, RuleState>>(ref reader, options) ?? [])
        {
            // The key is what the SKU looks a rule up by; a state that names another rule would be found under neither.
            states.Set(string.Equals(state.RuleId, ruleId, StringComparison.Ordinal) ? state : state with { RuleId = ruleId });
        }

        return states;
    }

    public override void Write(Utf8JsonWriter writer, SkuRuleStates value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (ruleId, entry) in value.Entries)
        {
            writer.WriteStartObject(ruleId);
            writer.WriteString(RuleId, ruleId);
            WriteIfSet(writer, RuleVersion, entry.RuleVersion);
            WriteIfSet(writer, LastRunAt, entry.LastRunAt);
            WriteIfSet(writer, LastFiredAt, entry.LastFiredAt);
            if (entry.LastOutcome is { } outcome)
            {
                writer.WriteString(LastOutcome, Outcomes[outcome]);
            }

            WriteIfSet(writer, LastError, entry.LastError);
            WriteIfSet(writer, ConsecutiveFailures, entry.ConsecutiveFailures);
            WriteIfSet(writer, TotalFailures, entry.TotalFailures);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, DateTimeOffset? value)
    {
        if (value is { } at)
        {
            writer.WriteString(name, at);
        }
    }

    private static void WriteIfSet(Utf8JsonWriter writer, JsonEncodedText name, int value)
    {
        if (value != 0)
        {
            writer.WriteNumber(name, value);
        }
    }
}
