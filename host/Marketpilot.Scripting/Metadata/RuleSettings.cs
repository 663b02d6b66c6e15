using System.Globalization;
using System.Text.Json.Serialization;

namespace Marketpilot.Scripting.Metadata;

/// <summary>
/// What an operator sets for a rule through <c>PUT /api/v1/rules/{id}/settings</c>, spelled as in the rule's header: each
/// field given replaces the header's key, each <see langword="null"/> leaves the header's. The host keeps them
/// cluster-wide next to the rules' modes.
/// </summary>
/// <param name="Scope">Replaces <c>@scope</c>, for example <c>category=Kettles; price=..5000</c>.</param>
/// <param name="Guards">Replaces <c>@guards</c>, for example <c>in-stock, not-new-item=14d</c>; <c>none</c> clears them.</param>
/// <param name="Cooldown">Replaces <c>@cooldown</c>, for example <c>3d</c>; <c>none</c> clears it.</param>
/// <param name="MinData">Replaces <c>@min-data</c>, for example <c>clicks&gt;=100/7d</c>; <c>none</c> clears it.</param>
/// <param name="MaxFiringsPerDay">Replaces <c>@max-firings-per-day</c>.</param>
/// <param name="Emergency">Replaces <c>@emergency</c>, for example <c>margin-drop=2pt, orders-drop=20%</c>; <c>none</c> clears it.</param>
/// <remarks>In JSON every field is written, <see langword="null"/> ones too: <see langword="null"/> says the header applies.</remarks>
public sealed record RuleSettings(
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Scope = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Guards = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Cooldown = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? MinData = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] int? MaxFiringsPerDay = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Emergency = null)
{
    /// <summary>No field set: the header applies as written.</summary>
    public static RuleSettings None { get; } = new();

    /// <summary>The JSON names of the fields, in the order they are documented.</summary>
    public static IReadOnlyList<string> FieldNames { get; } = ["scope", "guards", "cooldown", "minData", "maxFiringsPerDay", "emergency"];

    /// <summary>Whether no field is set.</summary>
    [JsonIgnore]
    public bool IsEmpty => this == None;

    /// <summary>
    /// The metadata the host runs the rule with: <paramref name="header"/> with every field given here read by the header's
    /// own parser and put in place of the header's key. A field that does not read (which validation refuses before
    /// anything is stored) keeps the header's value.
    /// </summary>
    /// <param name="header">What the rule's file declares.</param>
    /// <returns>The effective metadata, and an error message per field name that did not read.</returns>
    public (RuleMetadata Effective, IReadOnlyDictionary<string, string> Errors) ApplyTo(RuleMetadata header)
    {
        ArgumentNullException.ThrowIfNull(header);

        var effective = header;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, key, value) in Given())
        {
            try
            {
                effective = RuleMetadataParser.Apply(effective, key, value.Trim());
            }
            catch (FormatException exception)
            {
                errors[field] = exception.Message;
            }
        }

        return (effective, errors);
    }

    /// <summary>What is wrong with each field, read as the header's parser reads its key; empty when every field reads.</summary>
    /// <returns>An error message per JSON field name.</returns>
    public IReadOnlyDictionary<string, string> Validate() => ApplyTo(RuleMetadata.For("settings")).Errors;

    private IEnumerable<(string Field, string Key, string Value)> Given()
    {
        if (Scope is not null)
        {
            yield return ("scope", "scope", Scope);
        }

        if (Guards is not null)
        {
            yield return ("guards", "guards", Guards);
        }

        if (Cooldown is not null)
        {
            yield return ("cooldown", "cooldown", Cooldown);
        }

        if (MinData is not null)
        {
            yield return ("minData", "min-data", MinData);
        }

        if (MaxFiringsPerDay is { } firings)
        {
            yield return ("maxFiringsPerDay", "max-firings-per-day", firings.ToString(CultureInfo.InvariantCulture));
        }

        if (Emergency is not null)
        {
            yield return ("emergency", "emergency", Emergency);
        }
    }
}
