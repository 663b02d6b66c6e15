using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Serialization;
using Orleans.Serialization;

namespace Marketpilot.Grains.Serialization;

/// <summary>Lets Orleans carry <c>Marketpilot.Sdk</c> types, which have no Orleans attributes, as JSON.</summary>
public static class SdkSerializerBuilderExtensions
{
    /// <summary>
    /// Registers Orleans' System.Text.Json codec for every type of the <c>Marketpilot.Sdk</c> assembly, with
    /// <see cref="MarketpilotJson.Options"/> conventions. Silos and clients both need it.
    /// </summary>
    /// <param name="builder">The serializer builder.</param>
    /// <returns>The same builder.</returns>
    public static ISerializerBuilder AddMarketpilotSdkJson(this ISerializerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var sdk = typeof(SkuSnapshot).Assembly;

        // Declared types such as the abstract RuleAction travel as type names too; the SDK holds only data records.
        builder.Configure(manifest => manifest.AddAllowedAssembly(sdk));
        return builder.AddJsonSerializer(isSupported: type => type.Assembly == sdk, jsonSerializerOptions: MarketpilotJson.Options);
    }
}
