using Marketpilot.Grains.Actions;
using Marketpilot.Grains.Scheduling;
using Marketpilot.Grains.Serialization;
using Marketpilot.Grains.Storage;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Serialization;

namespace Marketpilot.Grains;

/// <summary>Adds Marketpilot's grains and what they need to a silo.</summary>
public static class MarketpilotGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers the JSON codec for SDK types, SQLite default grain storage and the SQLite action log (one file), the
    /// action dispatcher and the outbox that retries pending actions in the background (options at <c>Marketpilot:Actions</c>),
    /// the scheduler that runs hourly and daily rules on every SKU (options at <c>Marketpilot:Schedule</c>),
    /// the <c>log</c> notification channel and
    /// <see cref="TimeProvider.System"/> unless another clock is registered.
    /// </summary>
    /// <remarks>
    /// The caller registers <c>IRuleRunner</c>, the <see cref="IMarketplaceConnector"/>s and any further
    /// <see cref="INotificationChannel"/>s.
    /// </remarks>
    /// <param name="builder">The silo builder.</param>
    /// <param name="databasePath">The SQLite file; its folder is created if missing.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddMarketpilotGrains(this ISiloBuilder builder, string databasePath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);

        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        var services = builder.Services;
        services.AddSerializer(serializer => serializer.AddMarketpilotSdkJson());
        services.TryAddSingleton(TimeProvider.System);
        builder.AddSqliteGrainStorageAsDefault(options => options.DatabasePath = path);
        builder.AddSqliteActionLog(options => options.DatabasePath = path);

        services.AddOptions<ActionDispatchOptions>().BindConfiguration(ActionDispatchOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActionDispatchOptions>, ActionDispatchOptionsValidator>());
        services.TryAddSingleton<IActionDispatcher, ActionDispatcher>();
        services.TryAddSingleton<ActionOutbox>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, ActionRetryService>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, LogNotificationChannel>());

        services.AddOptions<RuleScheduleOptions>().BindConfiguration(RuleScheduleOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleScheduleOptions>, RuleScheduleOptionsValidator>());
        services.TryAddSingleton<RuleScheduleService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static services => services.GetRequiredService<RuleScheduleService>());
        return builder;
    }
}
