using Serilog;

namespace Marketpilot.Host.Hosting;

/// <summary>Sets up Serilog for the host: sinks and levels from configuration, plus a rolling file in the data folder.</summary>
public static class LoggingHostBuilderExtensions
{
    /// <summary>Adds Serilog, reading <c>Serilog</c> from configuration and writing <c>logs/marketpilot-*.log</c> under the data folder.</summary>
    public static WebApplicationBuilder AddMarketpilotLogging(this WebApplicationBuilder builder, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(builder);

        var logFile = Path.Combine(dataPath, "logs", "marketpilot-.log");
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .ReadFrom.Services(services)
            .Enrich.FromLogContext()
            .Filter.With(new ImpossibleStallFilter())
            .WriteTo.File(
                logFile,
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {SourceContext}: {Message:lj} {Properties:j}{NewLine}{Exception}"));
        return builder;
    }
}
