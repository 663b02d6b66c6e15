using Marketpilot.Scripting;

namespace Marketpilot.Host.Cli;

/// <summary>The services a CLI verb needs, wired with the same <c>AddXxx</c> methods and configuration sources as the host.</summary>
public static class CliServices
{
    /// <summary>Builds a container with configuration (appsettings.json, <c>Marketpilot__</c> environment variables) and the scripting services.</summary>
    public static ServiceProvider Build()
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .Build();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton<IConfiguration>(configuration);
        services.AddMarketpilotScripting(configuration);
        return services.BuildServiceProvider(validateScopes: true);
    }
}
