using System.Net;
using Orleans.Dashboard;

namespace Marketpilot.Host.Diagnostics;

/// <summary>
/// The Orleans Dashboard under <c>/dashboard</c> on the host's own port, when <c>Marketpilot:Dashboard:Enabled</c> is
/// <c>true</c> (default <c>false</c>). It shows grain state and live logs and takes no API key (a browser sends none),
/// so it answers requests from loopback only; reach it remotely through an SSH tunnel.
/// </summary>
public static class DashboardRegistration
{
    /// <summary>The switch.</summary>
    public const string EnabledKey = "Marketpilot:Dashboard:Enabled";

    /// <summary>The path the dashboard is mapped under.</summary>
    public const string RoutePrefix = "/dashboard";

    /// <summary>Adds the dashboard's silo services when enabled.</summary>
    /// <param name="silo">The silo builder.</param>
    /// <param name="configuration">Holds <see cref="EnabledKey"/>.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddMarketpilotDashboard(this ISiloBuilder silo, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(silo);
        return Enabled(configuration) ? silo.AddDashboard() : silo;
    }

    /// <summary>Maps the dashboard under <see cref="RoutePrefix"/> when enabled, refusing every request not from loopback.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The application.</returns>
    public static WebApplication MapMarketpilotDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (Enabled(app.Configuration))
        {
            app.MapOrleansDashboard(RoutePrefix).AddEndpointFilter(async (context, next) =>
                context.HttpContext.Connection.RemoteIpAddress is { } remote && IPAddress.IsLoopback(remote)
                    ? await next(context)
                    : Results.Problem("The dashboard answers requests from loopback only.", statusCode: StatusCodes.Status403Forbidden));
        }

        return app;
    }

    private static bool Enabled(IConfiguration configuration) => configuration.GetValue(EnabledKey, defaultValue: false);
}
