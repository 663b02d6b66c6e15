using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Marketpilot.Host.Experiments;

/// <summary>Registers the experiment reports and the emergency monitor.</summary>
public static class ExperimentServiceCollectionExtensions
{
    /// <summary>Adds <see cref="RuleReportService"/>, <see cref="ExperimentMonitor"/> (a silo loop) and <see cref="ExperimentOptions"/>, bound to <c>Marketpilot:Experiments</c>.</summary>
    public static IServiceCollection AddExperiments(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptionsWithValidateOnStart<ExperimentOptions, ExperimentOptionsValidator>().Bind(configuration.GetSection(ExperimentOptions.SectionName));
        services.TryAddSingleton<Catalog.StoredSkus>();
        services.TryAddSingleton<Alerts.OperatorAlert>();
        services.TryAddSingleton<RuleReportService>();
        services.TryAddSingleton<ExperimentMonitor>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static s => s.GetRequiredService<ExperimentMonitor>());
        return services;
    }
}
