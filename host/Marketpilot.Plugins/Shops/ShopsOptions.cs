using Microsoft.Extensions.Configuration;

namespace Marketpilot.Plugins.Shops;

/// <summary>The shops of <c>Marketpilot:Shops</c>, read at start; <see cref="ShopsOptionsValidator"/> fails the start when <see cref="Problems"/> is not empty.</summary>
public sealed class ShopsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Shops";

    /// <summary>The valid shops, in configuration order.</summary>
    public IReadOnlyList<ShopDefinition> Shops { get; private set; } = [];

    /// <summary>What is wrong with the section, one sentence per problem naming the key path.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>Reads <c>Marketpilot:Shops</c> from <paramref name="configuration"/>, replacing what was read before.</summary>
    /// <param name="configuration">The host's root configuration.</param>
    public void Load(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        Shops = ShopsReader.Read(configuration.GetSection(SectionName), problems);
        Problems = problems;
    }
}
