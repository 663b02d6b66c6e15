namespace Marketpilot.Host.Hosting;

/// <summary>One shop as API keys name it: <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>.</summary>
/// <param name="Marketplace">The marketplace id, for example <c>ozon</c>.</param>
/// <param name="ShopId">The seller's shop id on that marketplace.</param>
public readonly record struct ShopRef(string Marketplace, string ShopId)
{
    /// <summary>Reads <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>: two non-blank parts around one slash, no surrounding spaces.</summary>
    /// <param name="text">The text.</param>
    /// <param name="shop">The shop, when the text is one.</param>
    /// <returns>Whether <paramref name="text"/> names a shop.</returns>
    public static bool TryParse(string? text, out ShopRef shop)
    {
        shop = default;
        var parts = (text ?? "").Split('/');
        if (parts.Length != 2 || parts.Any(p => p.Length == 0 || p.Trim() != p))
        {
            return false;
        }

        shop = new ShopRef(parts[0], parts[1]);
        return true;
    }

    /// <summary>Reads <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The shop.</returns>
    /// <exception cref="FormatException"><paramref name="text"/> is not <c>&lt;marketplace&gt;/&lt;shopId&gt;</c>.</exception>
    public static ShopRef Parse(string text) =>
        TryParse(text, out var shop) ? shop : throw new FormatException($"'{text}' is not a shop; a shop is written '<marketplace>/<shopId>'");

    /// <summary>Returns <c>marketplace/shopId</c>.</summary>
    /// <returns>The shop as the API and configuration write it.</returns>
    public override string ToString() => $"{Marketplace}/{ShopId}";
}
