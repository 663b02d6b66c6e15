using Marketpilot.Grains;
using Marketpilot.Persistence.Sqlite;
using Marketpilot.Host.Api;
using Marketpilot.Host.WebConsole;
using Marketpilot.Host.Diagnostics;
using Marketpilot.Host.Experiments;
using Marketpilot.Host.Feeds;
using Marketpilot.Host.Sync;
using Marketpilot.Plugins;
using Marketpilot.Scripting;

namespace Marketpilot.Host.Hosting;

/// <summary>Builds and runs the host: the Orleans silo, the plugins, the rules, the HTTP API and the connector sync.</summary>
public static class MarketpilotApplication
{
    /// <summary>Where the HTTP API listens when nothing else is configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>The configuration section of the embedded store's options (<see cref="SqliteStorageOptions"/>), e.g. its group-commit bounds.</summary>
    public const string StorageSection = "Marketpilot:Storage";

    /// <summary>Builds the web application from the command-line arguments.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddCommandLine(args, CommandLineSwitches.Mappings);
        if (string.IsNullOrEmpty(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            // Loopback only unless the operator says otherwise (--urls, ASPNETCORE_URLS, Urls in appsettings).
            builder.WebHost.UseUrls(DefaultUrl);
        }
        var options = builder.Configuration.GetSection(MarketpilotOptions.SectionName).Get<MarketpilotOptions>() ?? new();

        builder.AddMarketpilotLogging(options.DataFullPath);
        builder.Services.AddOptions<MarketpilotOptions>()
            .Bind(builder.Configuration.GetSection(MarketpilotOptions.SectionName))
            .ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<MarketpilotOptions>, MarketpilotOptionsValidator>();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));

        builder.Services.AddMarketpilotScripting(builder.Configuration);
        // Compiled rules are cached in the data folder, so a restart evaluates without recompiling.
        builder.Services.PostConfigure<ScriptingOptions>(scripting => scripting.CachePath ??= Path.Combine(options.DataFullPath, "rule-cache"));
        // Rule workers see neither the data (database, API key, logs) nor the plugins, even where they lie inside the application folder.
        builder.Services.AddOptions<ScriptingOptions>().PostConfigure<Microsoft.Extensions.Options.IOptions<PluginOptions>>((scripting, plugins) =>
        {
            scripting.WorkerConcealedPaths.Add(options.DataFullPath);
            scripting.WorkerConcealedPaths.Add(plugins.Value.ResolvePath());
        });
        // Each plugin keeps what must survive a restart in <data>/<plugin id> (a connector: the idempotency keys it applied).
        builder.Services.AddMarketpilotPlugins(builder.Configuration, plugins => plugins.DataPath = options.DataFullPath);
        builder.UseOrleans(silo => silo
            .UseMarketpilotClusterMode(builder.Configuration, options.DatabasePath)
            .AddMarketpilotGrains()
            .UseMarketpilotGrainCollection(builder.Configuration)
            .AddMarketpilotDashboard(builder.Configuration));
        builder.Services.AddMarketpilotApi(builder.Configuration);
        builder.Services.AddMarketpilotConsole(builder.Configuration, options.DataFullPath);
        builder.Services.AddConnectorSync(builder.Configuration);
        builder.Services.AddOfferFeeds(builder.Configuration);
        builder.Services.AddExperiments(builder.Configuration);

        var app = builder.Build();
        app.UseEncodedRouteValues();
        app.MapMarketpilotApi();
        app.MapMarketpilotConsole();
        app.MapOfferFeeds();
        app.MapMarketpilotDashboard();
        return app;
    }
}
