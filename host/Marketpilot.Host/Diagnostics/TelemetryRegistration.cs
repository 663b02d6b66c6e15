using OpenTelemetry.Metrics;

namespace Marketpilot.Host.Diagnostics;

/// <summary>Exports the modules' meters for Prometheus on <c>GET /metrics</c> when <c>Marketpilot:Telemetry:Prometheus</c> is on (the default).</summary>
public static class TelemetryRegistration
{
    /// <summary>The switch: <c>true</c> unless set to <c>false</c>.</summary>
    public const string PrometheusKey = "Marketpilot:Telemetry:Prometheus";

    /// <summary>Adds the console summary (<see cref="ActivitySummaryService"/>) and, when enabled, the OpenTelemetry meter provider with the Prometheus exporter, listening to every Marketpilot meter.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration holding <see cref="PrometheusKey"/>.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddMarketpilotTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptionsWithValidateOnStart<ActivitySummaryOptions, ActivitySummaryOptionsValidator>().Bind(configuration.GetSection(ActivitySummaryOptions.SectionName));
        services.AddHostedService<ActivitySummaryService>();
        if (!PrometheusEnabled(configuration))
        {
            return services;
        }

        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            // One meter per module (Marketpilot.Rules, Marketpilot.Actions, Marketpilot.Plugins, …); the wildcard takes new
            // ones too. Orleans' own meter adds the silo's view: activations, collections, messaging. The runtime's and
            // ASP.NET Core's built-in meters add what explains a slow answer: GC pauses, heap, thread-pool queue, and
            // each API route's request duration.
            .AddMeter("Marketpilot.*", "Microsoft.Orleans", "System.Runtime", "Microsoft.AspNetCore.Hosting")
            .AddPrometheusExporter());
        return services;
    }

    /// <summary>Maps <c>GET /metrics</c> (Prometheus text format, no API key: it carries counts, never secrets) when enabled.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapMarketpilotMetrics(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (PrometheusEnabled(app.Configuration))
        {
            app.MapPrometheusScrapingEndpoint("/metrics");
        }

        return app;
    }

    private static bool PrometheusEnabled(IConfiguration configuration) => configuration.GetValue(PrometheusKey, defaultValue: true);
}
