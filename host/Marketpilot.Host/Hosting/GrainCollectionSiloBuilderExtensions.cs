using Orleans.Configuration;

namespace Marketpilot.Host.Hosting;

/// <summary>How long idle grains stay in memory, from <c>Marketpilot:Grains</c>.</summary>
public static class GrainCollectionSiloBuilderExtensions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Grains";

    /// <summary>
    /// Binds <c>Marketpilot:Grains</c> to Orleans' <see cref="GrainCollectionOptions"/>: <c>CollectionAge</c> (how long a
    /// grain stays active without a call, 15 minutes by default), <c>EnableActivationSheddingOnMemoryPressure</c> with
    /// <c>MemoryUsageLimitPercentage</c> and <c>MemoryUsageTargetPercentage</c> (deactivate the least recently used
    /// grains when the process nears its memory limit). A value out of range stops the host at start, naming its key.
    /// </summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">The host's configuration.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder UseMarketpilotGrainCollection(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        silo.Services.AddOptions<GrainCollectionOptions>()
            .Bind(configuration.GetSection(SectionName))
            .Validate(
                o => o.CollectionAge > o.CollectionQuantum,
                $"{SectionName}:CollectionAge must be longer than Orleans' collection quantum (1 minute): idle grains are looked for once a quantum.")
            .Validate(
                o => o.MemoryUsageTargetPercentage is > 0 and <= 100 && o.MemoryUsageLimitPercentage is > 0 and <= 100 && o.MemoryUsageTargetPercentage < o.MemoryUsageLimitPercentage,
                $"{SectionName}:MemoryUsageTargetPercentage and MemoryUsageLimitPercentage must be percentages (above 0, at most 100), the target below the limit.")
            .ValidateOnStart();
        return silo;
    }
}
