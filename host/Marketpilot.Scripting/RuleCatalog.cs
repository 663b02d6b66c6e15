using System.Collections.Concurrent;
using System.Collections.Immutable;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting;

/// <summary>
/// The rules of the scripts folder (<see cref="ScriptingOptions.ScriptsPath"/>): every <c>*.csx</c>
/// file in it, not in its subfolders, compiled when the host starts and, with
/// <see cref="ScriptingOptions.WatchForChanges"/>, recompiled when it changes.
/// </summary>
/// <remarks>
/// A rule that does not compile is logged and listed by <see cref="Describe"/> but never run. A
/// missing folder is logged as a warning and gives no rules. When a file changes, its new version
/// replaces the old one once it compiles; if it does not, the rule stops running until it is fixed.
/// All members are thread-safe.
/// </remarks>
public sealed partial class RuleCatalog(
    RuleCompiler compiler,
    IOptions<ScriptingOptions> options,
    ILogger<RuleCatalog> logger,
    TimeProvider timeProvider) : IRuleRunner, IHostedService, IDisposable
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, RuleCounters> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pendingReloads = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private ImmutableSortedDictionary<string, RuleCompilation> _compilations = ImmutableSortedDictionary.Create<string, RuleCompilation>(StringComparer.Ordinal);
    private IReadOnlyList<RuleDescriptor> _rules = [];
    private FileSystemWatcher? _watcher;

    /// <inheritdoc />
    public IReadOnlyList<RuleDescriptor> Rules => Volatile.Read(ref _rules);

    /// <summary>The compiled rules, sorted by id.</summary>
    public IReadOnlyList<CompiledRule> CompiledRules =>
        [.. Volatile.Read(ref _compilations).Values.Select(c => c.Compiled).OfType<CompiledRule>()];

    /// <summary>Compiles every script of the folder, in parallel, and replaces the rules loaded before.</summary>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>A task that completes when the rules are loaded.</returns>
    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        var folder = options.Value.GetFullScriptsPath();
        if (!Directory.Exists(folder))
        {
            LogMissingFolder(folder);
            Replace([]);
            return;
        }

        var files = Directory.GetFiles(folder, "*" + RuleCompiler.Extension, SearchOption.TopDirectoryOnly)
            .Where(IsScript);
        var compilations = await Task.WhenAll(files.Select(file => Task.Run(() => CompileAsync(file, cancellationToken), cancellationToken)))
            .ConfigureAwait(false);
        Replace([.. compilations.OfType<RuleCompilation>()]);
        LogLoaded(Rules.Count, compilations.Length, folder);
    }

    /// <inheritdoc />
    public async Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(globals);

        // A rule replaced since the caller listed it runs in its current version; the run names that version.
        if (!Volatile.Read(ref _compilations).TryGetValue(rule.Id, out var compilation) || compilation.Compiled is not { } compiled)
        {
            var missing = new RuleRun(rule, RuleOutcome.Failed, [], [], $"rule {rule.Id} is not loaded");
            Record(missing);
            return missing;
        }

        var run = await compiled.RunAsync(globals, options.Value.Timeout, cancellationToken).ConfigureAwait(false);
        Record(run);
        if (run.Outcome is RuleOutcome.Failed or RuleOutcome.TimedOut)
        {
            LogRunFailed(run.Rule.Id, run.Rule.Version, globals.Sku.Key.ToString(), run.Outcome, run.Error);
        }

        return run;
    }

    /// <inheritdoc />
    public IReadOnlyList<RuleStatus> Describe() =>
        [.. Volatile.Read(ref _compilations).Values.Select(c => CountersOf(c.Rule.Id).ToStatus(c))];

    /// <summary>Loads the rules, then starts watching the folder when <see cref="ScriptingOptions.WatchForChanges"/> is set.</summary>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>A task that completes when the rules are loaded.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        var folder = options.Value.GetFullScriptsPath();
        if (options.Value.WatchForChanges && Directory.Exists(folder))
        {
            Watch(folder);
        }
    }

    /// <summary>Stops watching the folder.</summary>
    /// <param name="cancellationToken">Not used.</param>
    /// <returns>A completed task.</returns>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        StopWatching();
        return Task.CompletedTask;
    }

    /// <summary>Stops watching the folder.</summary>
    public void Dispose()
    {
        StopWatching();
        _reloading.Dispose();
    }

    private static bool IsScript(string path) =>
        string.Equals(Path.GetExtension(path), RuleCompiler.Extension, StringComparison.OrdinalIgnoreCase);

    private async Task<RuleCompilation?> CompileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var compilation = await compiler.CompileFileAsync(path, cancellationToken).ConfigureAwait(false);
            if (!compilation.Succeeded)
            {
                LogDoesNotCompile(
                    compilation.Rule.Id,
                    path,
                    string.Join(Environment.NewLine, compilation.Diagnostics.Where(d => d.IsError)));
            }

            return compilation;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // The file may have been deleted or be half written; a later change event reloads it.
            LogUnreadable(exception, path);
            return null;
        }
    }

    private void Replace(IReadOnlyList<RuleCompilation> compilations)
    {
        lock (_gate)
        {
            Publish(_compilations.Clear().SetItems(compilations.Select(c => KeyValuePair.Create(c.Rule.Id, c))));
        }
    }

    private void Publish(ImmutableSortedDictionary<string, RuleCompilation> compilations)
    {
        Volatile.Write(ref _compilations, compilations);
        Volatile.Write(ref _rules, [.. compilations.Values.Where(c => c.Succeeded).Select(c => c.Rule)]);
    }

    private RuleCounters CountersOf(string ruleId) => _counters.GetOrAdd(ruleId, static _ => new RuleCounters());

    private void Record(RuleRun run) => CountersOf(run.Rule.Id).Record(run, timeProvider.GetUtcNow());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scripts folder {Path} does not exist; no rules will run")]
    private partial void LogMissingFolder(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {RuleCount} of {FileCount} rules from {Path}")]
    private partial void LogLoaded(int ruleCount, int fileCount, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule {RuleId} at {Path} does not compile; it will not run: {Diagnostics}")]
    private partial void LogDoesNotCompile(string ruleId, string path, string diagnostics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule script {Path} cannot be read; it is skipped until it changes")]
    private partial void LogUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} version {RuleVersion} on {Sku} ended {Outcome}: {Error}")]
    private partial void LogRunFailed(string ruleId, string ruleVersion, string sku, RuleOutcome outcome, string? error);
}
