using Microsoft.Extensions.Logging;

namespace Marketpilot.Scripting;

public sealed partial class RuleCatalog
{
    private void Watch(string folder)
    {
        // Subfolders too: rules #load shared files from them.
        var watcher = new FileSystemWatcher(folder, "*" + RuleCompiler.Extension)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        watcher.Changed += (_, e) => OnScriptChanged(folder, e.FullPath);
        watcher.Created += (_, e) => OnScriptChanged(folder, e.FullPath);
        watcher.Deleted += (_, e) => OnScriptChanged(folder, e.FullPath);
        watcher.Renamed += (_, e) =>
        {
            OnScriptChanged(folder, e.OldFullPath);
            OnScriptChanged(folder, e.FullPath);
        };
        watcher.EnableRaisingEvents = true;
        Interlocked.Exchange(ref _watcher, watcher)?.Dispose();
    }

    private void StopWatching()
    {
        Interlocked.Exchange(ref _watcher, null)?.Dispose();
        foreach (var pending in _pendingReloads.Values)
        {
            pending.Cancel();
        }
    }

    // A rule file (top level) is reloaded; and since any .csx may be #loaded by a rule, every other rule
    // is recompiled too: those whose loaded files did not change are cache hits and stay as they are.
    private void OnScriptChanged(string folder, string path)
    {
        if (!IsScript(path))
        {
            return;
        }

        if (string.Equals(Path.GetDirectoryName(Path.GetFullPath(path)), Path.GetFullPath(folder).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
        {
            ScheduleReload(path);
        }

        foreach (var compilation in Volatile.Read(ref _compilations).Values)
        {
            if (!string.Equals(Path.GetFullPath(compilation.Rule.Path), Path.GetFullPath(path), StringComparison.Ordinal))
            {
                ScheduleReload(compilation.Rule.Path);
            }
        }
    }

    // Editors write a file in several steps; wait until the events settle, then compile once.
    private void ScheduleReload(string path)
    {
        if (!IsScript(path))
        {
            return;
        }

        var settle = new CancellationTokenSource();
        _pendingReloads.AddOrUpdate(path, settle, (_, previous) =>
        {
            previous.Cancel();
            return settle;
        });
        _ = ReloadAfterAsync(path, settle);
    }

    private async Task ReloadAfterAsync(string path, CancellationTokenSource settle)
    {
        try
        {
            await Task.Delay(SettleTime, timeProvider, settle.Token).ConfigureAwait(false);
            await _reloading.WaitAsync(settle.Token).ConfigureAwait(false);
            try
            {
                await ReloadAsync(path).ConfigureAwait(false);
            }
            finally
            {
                _reloading.Release();
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
        finally
        {
            _pendingReloads.TryRemove(KeyValuePair.Create(path, settle));
            settle.Dispose();
        }
    }

    private async Task ReloadAsync(string path)
    {
        var id = RuleCompiler.IdOf(path);
        var compilation = File.Exists(path) ? await CompileAsync(path, CancellationToken.None).ConfigureAwait(false) : null;
        lock (_gate)
        {
            _compilations.TryGetValue(id, out var previous);
            if (compilation is null)
            {
                if (previous is not null && previous.Rule.Path == path && !File.Exists(path))
                {
                    Publish(_compilations.Remove(id));
                    previous.Compiled?.Unload();
                    LogRemoved(id, path);
                }

                return;
            }

            if (previous?.Rule == compilation.Rule)
            {
                compilation.Compiled?.Unload();
                return;
            }

            Publish(_compilations.SetItem(id, compilation));

            // The old version's code goes away once the evaluations still running on it finish.
            previous?.Compiled?.Unload();
        }

        LogReloaded(id, compilation.Rule.Version, compilation.Succeeded);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} changed; version {RuleVersion} loaded (compiled: {Compiled})")]
    private partial void LogReloaded(string ruleId, string ruleVersion, bool compiled);

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule {RuleId} was removed from {Path}; it no longer runs")]
    private partial void LogRemoved(string ruleId, string path);
}
