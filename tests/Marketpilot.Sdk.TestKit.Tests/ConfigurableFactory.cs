using System.Net.Sockets;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Sdk.TestKit.Tests;

/// <summary>
/// A connector factory that needs <c>Settings:BaseUrl</c> (an absolute URL) and <c>Credentials:Token</c>, and creates a
/// <see cref="ConfigurableConnector"/>; each flag breaks one rule of the contract.
/// </summary>
public sealed class ConfigurableFactory : IMarketplaceConnectorFactory
{
    public string Marketplace { get; init; } = "acme";

    public bool EchoesValues { get; init; }

    public bool ThrowsInvalidOperation { get; init; }

    public bool NamesNoKey { get; init; }

    public bool Hangs { get; init; }

    /// <summary>Ends the hang of a factory that <see cref="Hangs"/>.</summary>
    public ManualResetEventSlim HangEnds { get; } = new();

    public bool ConnectsWhileCreating { get; init; }

    public string CreatedMarketplace { get; init; } = "acme";

    public IMarketplaceConnector Create(ShopConnection shop)
    {
        if (Hangs)
        {
            HangEnds.Wait();
        }

        if (ThrowsInvalidOperation)
        {
            throw new InvalidOperationException("not configured");
        }

        var url = shop.Settings["BaseUrl"];
        if (!Uri.TryCreate(url, UriKind.Absolute, out var baseUrl))
        {
            throw new ArgumentException(NamesNoKey ? "the shop is not configured" : EchoesValues ? $"Settings:BaseUrl '{url}' is not a URL" : "Settings:BaseUrl is missing or not a URL");
        }

        if (string.IsNullOrEmpty(shop.Credentials["Token"]))
        {
            throw new ArgumentException("Credentials:Token is missing");
        }

        if (ConnectsWhileCreating)
        {
            using var client = new TcpClient();
            try
            {
                client.Connect(baseUrl.Host, baseUrl.Port);
            }
            catch (SocketException)
            {
            }
        }

        return new ConfigurableConnector { Marketplace = CreatedMarketplace };
    }
}
