using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Actions.Control;

/// <summary>A rule's <see cref="RuleSettings"/> as <see cref="IAutomationGrain"/> stores them: the header spellings, read again on every silo.</summary>
/// <param name="Scope">Replaces <c>@scope</c>.</param>
/// <param name="Guards">Replaces <c>@guards</c>.</param>
/// <param name="Cooldown">Replaces <c>@cooldown</c>.</param>
/// <param name="MinData">Replaces <c>@min-data</c>.</param>
/// <param name="MaxFiringsPerDay">Replaces <c>@max-firings-per-day</c>.</param>
/// <param name="Emergency">Replaces <c>@emergency</c>.</param>
[GenerateSerializer, Immutable]
[Alias("Marketpilot.Actions.RuleSettingsOverride")]
public sealed record RuleSettingsOverride(
    [property: Id(0)] string? Scope,
    [property: Id(1)] string? Guards,
    [property: Id(2)] string? Cooldown,
    [property: Id(3)] string? MinData,
    [property: Id(4)] int? MaxFiringsPerDay,
    [property: Id(5)] string? Emergency = null)
{
    /// <summary>The stored form of <paramref name="settings"/>.</summary>
    /// <param name="settings">The settings.</param>
    /// <returns>The same fields.</returns>
    public static RuleSettingsOverride From(RuleSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.Scope, settings.Guards, settings.Cooldown, settings.MinData, settings.MaxFiringsPerDay, settings.Emergency);
    }

    /// <summary>The settings the rule catalog applies.</summary>
    /// <returns>The same fields.</returns>
    public RuleSettings ToSettings() => new(Scope, Guards, Cooldown, MinData, MaxFiringsPerDay, Emergency);
}
