using Marketpilot.Actions.Connectors;
using Marketpilot.Actions.Control;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Actions.Guardrails;
using Marketpilot.Actions.Undo;
using Marketpilot.Plugins.Shops;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions;

/// <summary>Adds the action pipeline to a silo's services.</summary>
public static class ActionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the pipeline from proposal to marketplace: guardrails (defaults at <c>Marketpilot:Guardrails</c>), the
    /// kill switches, the outbox dispatcher and its options (<c>Marketpilot:Actions</c>), undo, and the <c>log</c>
    /// notification channel.
    /// </summary>
    /// <remarks>The caller registers an <see cref="IActionLog"/> (a persistence module), an <see cref="IActionQueue"/> (the grains) and the connectors.</remarks>
    /// <param name="services">The silo's services.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddMarketpilotActions(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<ActionDispatchOptions>().BindConfiguration(ActionDispatchOptions.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ActionDispatchOptions>, ActionDispatchOptionsValidator>());
        services.AddOptions<GuardrailSettings>().BindConfiguration(GuardrailSettings.SectionName).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<GuardrailSettings>, GuardrailSettingsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ShopsOptions>, ShopGuardrailsValidator>());
        services.TryAddSingleton<ShopGuardrailDefaults>();
        services.TryAddSingleton<Scripting.Metadata.IRuleFiringQuota, RuleQuotaFirings>();
        services.TryAddSingleton<Scripting.Metadata.IRuleSettingsSource>(static s => s.GetRequiredService<AutomationSwitches>());

        services.TryAddSingleton<ConnectorDirectory>();
        services.TryAddSingleton<IActionDispatcher, ActionDispatcher>();
        services.TryAddSingleton<ActionOutbox>();
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddSingleton<ActionApprover>();
        services.TryAddSingleton<Evaluation.RuleRound>();
        services.TryAddSingleton<Evaluation.EventFollowUps>();
        services.TryAddSingleton<ActionUndoService>();
        services.TryAddSingleton<AutomationSwitches>();
        services.TryAddSingleton<OutboxDispatcher>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static s => s.GetRequiredService<AutomationSwitches>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static s => s.GetRequiredService<OutboxDispatcher>());
        services.TryAddSingleton<Telemetry.OutboxGaugeSampler>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(static s => s.GetRequiredService<Telemetry.OutboxGaugeSampler>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<INotificationChannel, LogNotificationChannel>());
        return services;
    }
}
