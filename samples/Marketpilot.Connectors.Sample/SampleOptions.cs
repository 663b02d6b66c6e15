using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Connectors.Sample;

/// <summary>The connector's settings, from the host's section <c>Marketpilot:Plugins:sample</c>.</summary>
public sealed class SampleOptions
{
    /// <summary>The marketplace API token. Required; a secret: it is never logged or shown.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The seller's shop id on the marketplace.</summary>
    /// <value>The default is <c>sample-shop</c>.</value>
    public string ShopId { get; set; } = "sample-shop";

    /// <summary>How many SKUs one pulled page holds.</summary>
    /// <value>The default is 50; from 1 to 1,000.</value>
    public int PageSize { get; set; } = 50;

    /// <summary>Reads the options from the plugin's configuration section and checks them.</summary>
    /// <param name="section">The section <c>Marketpilot:Plugins:sample</c>.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">A value is missing or out of range; the message names the key, never a secret's value.</exception>
    public static SampleOptions FromConfiguration(IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);

        // Read keys by hand: the configuration binder would be one more assembly for the plugin to ship.
        var options = new SampleOptions { ApiKey = section[nameof(ApiKey)] ?? "", ShopId = section[nameof(ShopId)] ?? "sample-shop" };
        if (section[nameof(PageSize)] is { Length: > 0 } pageSize)
        {
            options.PageSize = int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                ? size
                : throw new ArgumentException($"Marketpilot:Plugins:sample:{nameof(PageSize)} has the value '{pageSize}', which is not a whole number.", nameof(PageSize));
        }

        options.Validate();
        return options;
    }

    /// <summary>Throws when a value is missing or out of range, naming its configuration key.</summary>
    /// <exception cref="ArgumentException">A value is missing or out of range.</exception>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ApiKey))
        {
            throw new ArgumentException($"Marketpilot:Plugins:sample:{nameof(ApiKey)} is required.", nameof(ApiKey));
        }

        if (string.IsNullOrWhiteSpace(ShopId))
        {
            throw new ArgumentException($"Marketpilot:Plugins:sample:{nameof(ShopId)} must not be empty.", nameof(ShopId));
        }

        if (PageSize is < 1 or > 1000)
        {
            throw new ArgumentException($"Marketpilot:Plugins:sample:{nameof(PageSize)} must be from 1 to 1000.", nameof(PageSize));
        }
    }
}
