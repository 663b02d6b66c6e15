using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Plugins;

/// <summary>
/// Watches the plugins folder and reloads a plugin once its folder has stayed unchanged for
/// <see cref="PluginRuntimeOptions.ReloadQuietPeriodMilliseconds"/>: replaced, added or removed.
/// </summary>
internal sealed partial class PluginFolderWatcher(
    PluginRegistry registry,
    IOptions<PluginRuntimeOptions> options,
    TimeProvider time,
    ILogger<PluginFolderWatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, DateTimeOffset> _changed = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _signal = new(0);

    private FileSystemWatcher? _watcher;

    // The watcher starts before StartAsync returns: a folder replaced right after start-up is not missed.
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.WatchForChanges && Directory.Exists(registry.Path))
        {
            _watcher = new FileSystemWatcher(registry.Path)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            _watcher.Changed += (_, e) => Note(e.FullPath);
            _watcher.Created += (_, e) => Note(e.FullPath);
            _watcher.Deleted += (_, e) => Note(e.FullPath);
            _watcher.Renamed += (_, e) =>
            {
                Note(e.OldFullPath);
                Note(e.FullPath);
            };
            _watcher.EnableRaisingEvents = true;
            LogWatching(registry.Path);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_watcher is null)
        {
            return;
        }

        var quiet = TimeSpan.FromMilliseconds(options.Value.ReloadQuietPeriodMilliseconds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _signal.WaitAsync(quiet, stoppingToken).ConfigureAwait(false);
                foreach (var folder in Due(quiet))
                {
                    await registry.ReloadAsync(folder, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogReloadError(ex);
            }
        }
    }

    public override void Dispose()
    {
        _watcher?.Dispose();
        _signal.Dispose();
        base.Dispose();
    }

    private void Note(string path)
    {
        var relative = Path.GetRelativePath(registry.Path, path);
        var top = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)[0];
        if (string.IsNullOrEmpty(top) || top is "." or "..")
        {
            return;
        }

        lock (_gate)
        {
            _changed[top] = time.GetUtcNow();
        }

        try
        {
            _signal.Release();
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private List<string> Due(TimeSpan quiet)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            var due = _changed.Where(c => now - c.Value >= quiet).Select(c => c.Key).ToList();
            foreach (var folder in due)
            {
                _changed.Remove(folder);
            }

            return due;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Path} for plugin changes; a replaced plugin folder is reloaded without a restart")]
    private partial void LogWatching(string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Reloading a changed plugin folder failed")]
    private partial void LogReloadError(Exception exception);
}
