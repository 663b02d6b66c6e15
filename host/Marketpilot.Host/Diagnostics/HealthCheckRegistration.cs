using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketpilot.Host.Diagnostics;

/// <summary>Registers the readiness checks and maps <c>/health</c> (liveness) and <c>/health/ready</c> (readiness).</summary>
public static class HealthCheckRegistration
{
    private const string ReadyTag = "ready";

    /// <summary>Adds one readiness check per concern: silo, storage, plugins, rule workers.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The health checks builder.</returns>
    public static IHealthChecksBuilder AddMarketpilotHealthChecks(this IServiceCollection services) =>
        services.AddHealthChecks()
            .AddCheck<SiloHealthCheck>("silo", tags: [ReadyTag])
            .AddCheck<StorageHealthCheck>("storage", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5))
            .AddCheck<PluginsHealthCheck>("plugins", tags: [ReadyTag])
            .AddCheck<RuleWorkersHealthCheck>("rule-workers", tags: [ReadyTag]);

    /// <summary>
    /// Maps <c>GET /health</c>, which runs no check (the process answers), and <c>GET /health/ready</c>, which runs the
    /// readiness checks and answers 503 when one is unhealthy. Neither needs an API key; bodies carry no secrets.
    /// </summary>
    /// <param name="endpoints">The endpoints.</param>
    /// <returns>The endpoints.</returns>
    public static IEndpointRouteBuilder MapMarketpilotHealthChecks(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = HealthCheckResponseWriter.WriteAsync,
        });
        return endpoints;
    }
}
