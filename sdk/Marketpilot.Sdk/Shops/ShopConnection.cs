using Microsoft.Extensions.Configuration;

namespace Marketpilot.Sdk.Shops;

/// <summary>
/// One shop the host drives through a connector: who it is, and the configuration its connector needs. The host
/// builds it from <c>Marketpilot:Shops:&lt;n&gt;</c> and hands it to <see cref="IMarketplaceConnectorFactory.Create"/>.
/// </summary>
/// <remarks>
/// A seller with two cabinets on one marketplace configures two shops; the plugin creates one connector per shop, each
/// with its own credentials, rate limits and state. Nothing in here but <see cref="Settings"/> and
/// <see cref="Credentials"/> comes from the seller verbatim.
/// </remarks>
public sealed record ShopConnection
{
    /// <summary>The lower-case marketplace id, for example <c>ozon</c>; the connector stamps it on every snapshot.</summary>
    public required string Marketplace { get; init; }

    /// <summary>The shop id the host knows this shop by; the connector stamps it on every snapshot it pulls.</summary>
    public required string ShopId { get; init; }

    /// <summary>The ISO 4217 currency of the shop's prices, for example <c>RUB</c> or <c>KZT</c>.</summary>
    public required string Currency { get; init; }

    /// <summary>
    /// The IANA time zone the shop's calendar follows (for example <c>Europe/Moscow</c>): which day an order or a
    /// metric belongs to. Defaults to <c>UTC</c>.
    /// </summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>
    /// The shop's non-secret connector settings, <c>Marketpilot:Shops:&lt;n&gt;:Settings</c>: base URLs (so tests and
    /// staging point at emulators), marketplace-side ids, warehouse ids. Each connector documents its keys in its
    /// <c>plugin.json</c>.
    /// </summary>
    public required IConfiguration Settings { get; init; }

    /// <summary>
    /// The shop's secrets, <c>Marketpilot:Shops:&lt;n&gt;:Credentials</c>: API keys, tokens, client secrets. The host
    /// masks every value under this section wherever it shows the shop; a connector must never log them or put them
    /// in an exception message or an <see cref="Connectors.ActionResult"/>.
    /// </summary>
    public required IConfiguration Credentials { get; init; }

    /// <summary>
    /// The full path of this shop's own state folder (under the plugin's), created by the host before
    /// <see cref="IMarketplaceConnectorFactory.Create"/> runs. A connector keeps what must survive a restart for this
    /// shop there (the idempotency keys it applied, a pending upload's task id) and nowhere else.
    /// </summary>
    public required string StateDirectory { get; init; }

    /// <inheritdoc />
    /// <remarks>Never prints <see cref="Credentials"/>.</remarks>
    public override string ToString() => $"{Marketplace}/{ShopId}";
}
