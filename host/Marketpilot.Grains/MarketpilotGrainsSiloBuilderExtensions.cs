using Marketpilot.Actions;
using Marketpilot.Actions.Undo;
using Marketpilot.Grains.Scheduling;
using Marketpilot.Grains.Serialization;
using Marketpilot.Grains.Skus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Serialization;

namespace Marketpilot.Grains;

/// <summary>Adds Marketpilot's grains and what they need to a silo.</summary>
public static class MarketpilotGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Registers the JSON codec for SDK types, the action pipeline (<see cref="ActionsServiceCollectionExtensions.AddMarketpilotActions"/>),
    /// the scheduler that runs hourly, daily and cron rules on every SKU (options at <c>Marketpilot:Schedule</c>; it needs
    /// the silo's reminder service, which the persistence module provides) and
    /// <see cref="TimeProvider.System"/> unless another clock is registered.
    /// </summary>
    /// <remarks>
    /// The caller adds a persistence module (default grain storage and the action log, in one store so that a SKU's
    /// state and its outbox records are written together), registers <c>IRuleRunner</c>, the connectors and any further
    /// notification channels.
    /// </remarks>
    /// <param name="builder">The silo builder.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddMarketpilotGrains(this ISiloBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var services = builder.Services;
        services.AddSerializer(serializer => serializer.AddMarketpilotSdkJson());
        services.TryAddSingleton(TimeProvider.System);
        services.AddMarketpilotActions();
        services.TryAddSingleton<IActionQueue, SkuActionQueue>();

        services.AddOptions<RuleScheduleOptions>().BindConfiguration(RuleScheduleOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RuleScheduleOptions>, RuleScheduleOptionsValidator>());
        // Orleans refuses reminder periods under its minimum (a minute by default); a shorter configured tick lowers it.
        services.AddOptions<ReminderOptions>().PostConfigure<IOptions<RuleScheduleOptions>>((reminders, schedule) =>
            reminders.MinimumReminderPeriod = TimeSpan.FromTicks(Math.Min(reminders.MinimumReminderPeriod.Ticks, schedule.Value.TickPeriod.Ticks)));
        services.TryAddSingleton<ShopCalendar>();
        services.TryAddSingleton<RuleScheduleService>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static services => services.GetRequiredService<RuleScheduleService>());
        return builder;
    }
}
