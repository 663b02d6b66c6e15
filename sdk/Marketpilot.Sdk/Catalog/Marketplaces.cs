namespace Marketpilot.Sdk.Catalog;

/// <summary>The marketplace ids the host knows without any plugin.</summary>
/// <remarks>
/// Marketplace ids are lower-case and fixed. A connector plugin may declare a further id; it must
/// satisfy <see cref="IsWellFormed(string)"/>.
/// </remarks>
public static class Marketplaces
{
    /// <summary>Ozon.</summary>
    public const string Ozon = "ozon";

    /// <summary>Wildberries.</summary>
    public const string Wildberries = "wildberries";

    /// <summary>Kaspi.kz.</summary>
    public const string Kaspi = "kaspi";

    /// <summary>The built-in simulated shop.</summary>
    public const string Simulator = "simulator";

    /// <summary>The ids above, in that order.</summary>
    public static IReadOnlyList<string> BuiltIn { get; } = [Ozon, Wildberries, Kaspi, Simulator];

    /// <summary>
    /// Tells whether <paramref name="marketplace"/> is a well-formed id: 1 to 32 characters of
    /// lower-case ASCII letters, digits and '-', starting with a letter.
    /// </summary>
    /// <param name="marketplace">The id to check; <see langword="null"/> is not well-formed.</param>
    /// <returns><see langword="true"/> when the id is well-formed.</returns>
    public static bool IsWellFormed(string? marketplace)
    {
        if (string.IsNullOrEmpty(marketplace) || marketplace.Length > 32 || marketplace[0] is < 'a' or > 'z')
        {
            return false;
        }

        foreach (var c in marketplace)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                return false;
            }
        }

        return true;
    }
}
