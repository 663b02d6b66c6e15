namespace Marketpilot.Host.Hosting;

/// <summary>
/// What one API key may do: an admin key reaches every route and every shop; a scoped key sees and changes only its
/// shops and calls no route that is not per shop; a read-only key changes nothing.
/// </summary>
public sealed class ApiKeyGrant
{
    private readonly HashSet<ShopRef> _shops;

    private ApiKeyGrant(string name, bool isAdmin, IEnumerable<ShopRef> shops, bool readOnly)
    {
        Name = name;
        IsAdmin = isAdmin;
        _shops = [.. shops];
        Shops = [.. _shops];
        ReadOnly = readOnly;
    }

    /// <summary>Where the key is configured (<c>Marketpilot:Api:ScopedKeys:0</c>), for logs and messages; never the key itself.</summary>
    public string Name { get; }

    /// <summary>Whether the key reaches every route and every shop.</summary>
    public bool IsAdmin { get; }

    /// <summary>Whether every route that changes something refuses the key.</summary>
    public bool ReadOnly { get; }

    /// <summary>The shops of a scoped key, in configuration order; empty for an admin key, which sees every shop.</summary>
    public IReadOnlyList<ShopRef> Shops { get; }

    /// <summary>An admin key.</summary>
    /// <param name="name">Where it is configured.</param>
    /// <returns>The grant.</returns>
    public static ApiKeyGrant Admin(string name) => new(name, isAdmin: true, [], readOnly: false);

    /// <summary>A key scoped to <paramref name="shops"/>.</summary>
    /// <param name="name">Where it is configured.</param>
    /// <param name="shops">The shops it may see and change; at least one.</param>
    /// <param name="readOnly">Whether it may only read.</param>
    /// <returns>The grant.</returns>
    public static ApiKeyGrant Scoped(string name, IEnumerable<ShopRef> shops, bool readOnly) => new(name, isAdmin: false, shops, readOnly);

    /// <summary>Whether the key may see (and, unless read-only, change) the shop. Ids compare exactly, as grain keys do.</summary>
    /// <param name="marketplace">The marketplace id.</param>
    /// <param name="shopId">The shop id.</param>
    /// <returns><see langword="true"/> for an admin key or one of the key's shops.</returns>
    public bool CanSee(string marketplace, string shopId) => IsAdmin || _shops.Contains(new ShopRef(marketplace, shopId));
}
