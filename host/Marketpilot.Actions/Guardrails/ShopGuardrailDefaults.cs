using Marketpilot.Plugins.Shops;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Guardrails;

/// <summary>
/// The guardrails a shop has until a PUT on its guardrails replaces them: <c>Marketpilot:Guardrails</c>, with the
/// configured shop's own <c>Marketpilot:Shops:&lt;n&gt;:Guardrails</c> on top.
/// </summary>
/// <param name="global">The host-wide defaults.</param>
/// <param name="shops">The configured shops; none when <see langword="null"/>.</param>
public sealed class ShopGuardrailDefaults(IOptions<GuardrailSettings> global, IOptions<ShopsOptions>? shops = null)
{
    /// <summary>The defaults of the shop whose guardrails grain has <paramref name="shopKey"/>.</summary>
    /// <param name="shopKey">The shop's key, <c>&lt;marketplace&gt;/&lt;shopId&gt;</c> (<see cref="IShopGuardrailsGrain.KeyOf"/>).</param>
    /// <returns>The shop's default guardrails.</returns>
    public GuardrailSettings For(string shopKey)
    {
        var shop = shops?.Value.Shops.FirstOrDefault(s => s.Key == shopKey);
        return shop is null ? global.Value : Overlay(global.Value, shop.Guardrails);
    }

    /// <summary>Lists what is wrong with each configured shop's guardrails, naming the key path.</summary>
    /// <param name="global">The host-wide defaults.</param>
    /// <param name="shops">The configured shops.</param>
    /// <returns>One sentence per problem.</returns>
    public static IEnumerable<string> Problems(GuardrailSettings global, IEnumerable<ShopDefinition> shops) =>
        shops.SelectMany(shop =>
        {
            GuardrailSettings settings;
            try
            {
                settings = Overlay(global, shop.Guardrails);
            }
            catch (InvalidOperationException ex)
            {
                return [$"{shop.Guardrails.Path}: {ex.Message}"];
            }

            return settings.Validate().Select(e => $"{shop.Guardrails.Path}:{char.ToUpperInvariant(e.Key[0])}{e.Key[1..]} {e.Value}");
        });

    // Bind onto a copy: keys the shop does not set keep the host-wide value.
    private static GuardrailSettings Overlay(GuardrailSettings global, IConfigurationSection section)
    {
        var settings = global with { };
        section.Bind(settings, binder => binder.ErrorOnUnknownConfiguration = true);
        return settings;
    }
}
