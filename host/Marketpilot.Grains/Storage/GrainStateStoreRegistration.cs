using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Marketpilot.Grains.Storage;

/// <summary>How a store module registers its grain storage: the one way for SQLite and PostgreSQL alike.</summary>
public static class GrainStateStoreRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TStorage"/> as the grain storage named <paramref name="name"/>, created with its
    /// named <typeparamref name="TOptions"/>, and as the <see cref="IGrainStateDirectory"/> keyed by the same name.
    /// </summary>
    /// <typeparam name="TStorage">The store's grain storage; its constructor takes the provider name and the options.</typeparam>
    /// <typeparam name="TOptions">The store's options.</typeparam>
    /// <param name="services">The silo's services.</param>
    /// <param name="name">The provider name grains use in <c>[PersistentState]</c>.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddGrainStateStore<TStorage, TOptions>(this IServiceCollection services, string name)
        where TStorage : class, IGrainStorage, IGrainStateDirectory
        where TOptions : class
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddGrainStorage(name, static (provider, providerName) =>
            ActivatorUtilities.CreateInstance<TStorage>(provider, providerName, provider.GetRequiredService<IOptionsMonitor<TOptions>>().Get(providerName)));
        services.AddKeyedSingleton<IGrainStateDirectory>(name, static (provider, key) =>
            (IGrainStateDirectory)provider.GetRequiredKeyedService<IGrainStorage>(key));
        return services;
    }
}
