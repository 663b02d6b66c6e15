using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Plugins;

/// <summary>Loads the plugins when the host starts and logs what became of each.</summary>
internal sealed partial class PluginCatalogReporter(PluginRegistry registry, ILogger<PluginCatalogReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Loads the plugins now, before the silo and the sync loop need them.
        var catalog = registry.Catalog;
        if (!catalog.FolderExists)
        {
            LogFolderMissing(logger, catalog.Path);
        }

        foreach (var plugin in catalog.Plugins)
        {
            if (plugin.Status == PluginStatus.Loaded)
            {
                LogLoaded(logger, plugin.Id, plugin.Version, plugin.Path);
            }
            else
            {
                LogFailed(logger, plugin.Id, plugin.Path, plugin.Reason);
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Plugins folder {Path} does not exist. Starting without plugins.")]
    private static partial void LogFolderMissing(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded plugin {Plugin} {Version} from {Path}")]
    private static partial void LogLoaded(ILogger logger, string plugin, string? version, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Plugin {Plugin} at {Path} failed to load: {Reason}. Skipping it.")]
    private static partial void LogFailed(ILogger logger, string plugin, string path, string? reason);
}
