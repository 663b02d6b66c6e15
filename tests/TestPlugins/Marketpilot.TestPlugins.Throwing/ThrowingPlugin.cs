using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Marketpilot.TestPlugins.Throwing;

/// <summary>Registers a channel and then throws, half-way through registration.</summary>
public sealed class ThrowingPlugin : IPluginServiceRegistrator
{
    /// <summary>The message of the exception <see cref="RegisterServices"/> throws.</summary>
    public const string Message = "The throwing test plugin always fails to register.";

    /// <inheritdoc />
    public void RegisterServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<INotificationChannel, SilentChannel>();
        throw new InvalidOperationException(Message);
    }
}
