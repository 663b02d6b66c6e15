using Microsoft.Extensions.Configuration;

namespace Marketpilot.Plugins.Shops;

/// <summary>One validated entry of <c>Marketpilot:Shops</c>: which shop, served by which plugin, with which configuration.</summary>
public sealed record ShopDefinition
{
    /// <summary>The configuration path of the entry, for example <c>Marketpilot:Shops:0</c>; messages name it.</summary>
    public required string Path { get; init; }

    /// <summary>The lower-case marketplace id.</summary>
    public required string Marketplace { get; init; }

    /// <summary>The shop id snapshots and actions carry.</summary>
    public required string ShopId { get; init; }

    /// <summary>The id of the plugin that creates the shop's connector; <see langword="null"/>: the loaded plugin whose factory serves <see cref="Marketplace"/>.</summary>
    public string? Connector { get; init; }

    /// <summary>The ISO 4217 currency of the shop's prices.</summary>
    public required string Currency { get; init; }

    /// <summary>The IANA time zone of the shop's calendar.</summary>
    public required string TimeZone { get; init; }

    /// <summary>The shop's non-secret connector settings, <c>&lt;Path&gt;:Settings</c>.</summary>
    public required IConfigurationSection Settings { get; init; }

    /// <summary>The shop's secrets, <c>&lt;Path&gt;:Credentials</c>; never shown, logged or put in a message.</summary>
    public required IConfigurationSection Credentials { get; init; }

    /// <summary>The shop's default guardrails, <c>&lt;Path&gt;:Guardrails</c>, on top of <c>Marketpilot:Guardrails</c>.</summary>
    public required IConfigurationSection Guardrails { get; init; }

    /// <summary>Whether the host pulls from the shop's connector.</summary>
    public bool SyncEnabled { get; init; } = true;

    /// <summary>The shop's own poll interval; <see langword="null"/>: <c>Marketpilot:Sync:PollIntervalMilliseconds</c>.</summary>
    public int? PollIntervalMilliseconds { get; init; }

    /// <summary>The key the host knows the shop by, <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>.</summary>
    public string Key => KeyOf(Marketplace, ShopId);

    /// <summary>The key of a shop, <c>&lt;marketplace&gt;/&lt;shopId&gt;</c> with the marketplace in lower case.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <returns>The key.</returns>
    public static string KeyOf(string marketplace, string shopId) => $"{marketplace.ToLowerInvariant()}/{shopId}";

    /// <inheritdoc />
    /// <remarks>Never prints <see cref="Credentials"/>.</remarks>
    public override string ToString() => Key;
}
