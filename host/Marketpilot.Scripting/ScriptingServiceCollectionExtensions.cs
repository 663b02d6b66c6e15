using Marketpilot.Scripting.Workers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting;

/// <summary>Adds the rule engine to a host.</summary>
public static class ScriptingServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="RuleCompiler"/>, <see cref="RuleWorkerPool"/> (the worker processes rules are compiled and evaluated in)
    /// and <see cref="RuleCatalog"/> (as <see cref="IRuleRunner"/> and as a hosted service that loads the rules at start), with <see cref="ScriptingOptions"/> bound
    /// to the <c>Marketpilot:Scripting</c> section and validated at start.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The root configuration.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMarketpilotScripting(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptionsWithValidateOnStart<ScriptingOptions>()
            .Bind(configuration.GetSection(ScriptingOptions.SectionName));
        return services.AddScriptingCore();
    }

    /// <summary>Adds the rule engine as <see cref="AddMarketpilotScripting(IServiceCollection, IConfiguration)"/> does, with options set in code.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns><paramref name="services"/>.</returns>
    public static IServiceCollection AddMarketpilotScripting(this IServiceCollection services, Action<ScriptingOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptionsWithValidateOnStart<ScriptingOptions>().Configure(configure);
        return services.AddScriptingCore();
    }

    private static IServiceCollection AddScriptingCore(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ScriptingOptions>, ScriptingOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<RuleCompiler>();
        services.TryAddSingleton<RuleWorkerPool>();
        services.TryAddSingleton<RuleCatalog>();
        services.TryAddSingleton<IRuleRunner>(sp => sp.GetRequiredService<RuleCatalog>());
        // The pool first: it checks the isolation setting before the catalog compiles anything through it.
        services.AddHostedService(sp => sp.GetRequiredService<RuleWorkerPool>());
        services.AddHostedService(sp => sp.GetRequiredService<RuleCatalog>());
        return services;
    }
}
