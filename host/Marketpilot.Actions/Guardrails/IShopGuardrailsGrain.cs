using Orleans.Concurrency;
namespace Marketpilot.Actions.Guardrails;

/// <summary>One shop's guardrails (key <see cref="KeyOf"/>): the configured defaults until the shop's own are set, persisted.</summary>
public interface IShopGuardrailsGrain : IGrainWithStringKey
{
    /// <summary>The grain key of a shop.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <returns>The key.</returns>
    static string KeyOf(string marketplace, string shopId) => $"{marketplace.ToLowerInvariant()}/{shopId}";

    /// <summary>The shop's guardrails.</summary>
    /// <returns>Its own, or the defaults when none were set.</returns>
    [AlwaysInterleave]
    Task<ShopGuardrails> GetAsync();

    /// <summary>Sets the shop's own guardrails; the caller has validated them (<see cref="GuardrailSettings.Validate"/>).</summary>
    /// <param name="settings">The new guardrails.</param>
    /// <returns>The shop's guardrails after the change.</returns>
    Task<ShopGuardrails> SetAsync(GuardrailSettings settings);

    /// <summary>Sets the shop's own guardrails only if they are still <paramref name="expected"/> (a read-modify-write that loses no concurrent change).</summary>
    /// <param name="expected">The guardrails the change was computed from.</param>
    /// <param name="settings">The new guardrails, validated by the caller.</param>
    /// <returns>The shop's guardrails after the change, or <see langword="null"/> when they changed meanwhile (read again and retry).</returns>
    Task<ShopGuardrails?> ReplaceAsync(GuardrailSettings expected, GuardrailSettings settings);
}

/// <summary>A shop's guardrails and whether they are its own or the defaults.</summary>
/// <param name="Settings">The limits.</param>
/// <param name="Custom">Whether the shop's own were set (otherwise these are the configured defaults).</param>
[GenerateSerializer, Immutable]
[Alias("Marketpilot.Actions.ShopGuardrails")]
public sealed record ShopGuardrails([property: Id(0)] GuardrailSettings Settings, [property: Id(1)] bool Custom);
