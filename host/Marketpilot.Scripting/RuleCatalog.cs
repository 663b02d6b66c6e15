using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Diagnostics;
using Marketpilot.Scripting.Telemetry;
using Marketpilot.Scripting.Workers;
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
    TimeProvider timeProvider,
    RuleWorkerPool? workers = null,
    Metadata.IRuleSettingsSource? settings = null,
    Metadata.IRuleFiringQuota? firings = null) : IRuleRunner, IHostedService, IDisposable
{
    private static readonly TimeSpan SettleTime = TimeSpan.FromMilliseconds(250);
    private static readonly Metadata.RuleTrigger[] DataChangeOnly = [Metadata.RuleTrigger.DataChange];

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
        var compilations = InWorkers
            ? await Task.WhenAll(files.Select(file => Task.Run(() => CompileAsync(file, cancellationToken), cancellationToken))).ConfigureAwait(false)
            : await CompileOneByOneAsync(files, cancellationToken).ConfigureAwait(false);
        Replace([.. compilations.OfType<RuleCompilation>()]);
        LogLoaded(Rules.Count, compilations.Length, folder);
    }

    // In this process Roslyn compiles one script at a time: on 2 cores the eleven sample rules compiled in parallel
    // took about 12 CPU-seconds and 10 s to load, one by one about 6.4 CPU-seconds and 5 s (docs/performance.md).
    private async Task<RuleCompilation?[]> CompileOneByOneAsync(IEnumerable<string> files, CancellationToken cancellationToken)
    {
        var compilations = new List<RuleCompilation?>();
        foreach (var file in files)
        {
            compilations.Add(await CompileAsync(file, cancellationToken).ConfigureAwait(false));
        }

        return [.. compilations];
    }

    /// <inheritdoc />
    /// <remarks>With rule workers (<see cref="ScriptingOptions.Isolation"/> not <see cref="RuleIsolation.InProcess"/>) the rule runs in a worker process; otherwise as <see cref="Evaluate"/> does.</remarks>
    public async Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken)
    {
        var runs = await RunAllAsync([new RuleEvaluation(rule, globals)], cancellationToken).ConfigureAwait(false);
        return runs[0];
    }

    /// <inheritdoc />
    /// <remarks>With rule workers the evaluations are queued, sent and completed together; otherwise each runs as <see cref="Evaluate"/> does, in order.</remarks>
    public async Task<IReadOnlyList<RuleRun>> RunAllAsync(IReadOnlyList<RuleEvaluation> evaluations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        cancellationToken.ThrowIfCancellationRequested();

        var runs = InWorkers
            ? await RunInWorkersAsync(evaluations, cancellationToken).ConfigureAwait(false)
            : EvaluateAll(evaluations);
        for (var i = 0; i < runs.Length; i++)
        {
            if (runs[i].Outcome == RuleOutcome.Fired)
            {
                runs[i] = await WithinFiringCapAsync(runs[i], evaluations[i].Globals, cancellationToken).ConfigureAwait(false);
            }
        }

        return runs;
    }

    private bool InWorkers => workers is { Enabled: true };

    /// <summary>
    /// Evaluates one rule against one SKU, synchronously on the calling thread, within the rule's
    /// budgets (<see cref="ScriptingOptions.Limits"/>, or the rule's own from its metadata header).
    /// </summary>
    /// <param name="rule">One of <see cref="Rules"/>; a rule replaced since is run in its current version.</param>
    /// <param name="globals">The globals of this evaluation.</param>
    /// <returns>The run; never throws for a failing or stopped script. A quarantined rule is not run: its run fails with the quarantine's reason.</returns>
    /// <exception cref="InvalidOperationException">The rules run in workers (<see cref="ScriptingOptions.Isolation"/> is not <see cref="RuleIsolation.InProcess"/>): use <see cref="RunAsync"/>.</exception>
    public RuleRun Evaluate(RuleDescriptor rule, RuleGlobals globals)
    {
        using var scope = RuleEvaluationScope.Enter();
        return Evaluate(rule, globals, scope);
    }

    // A round's evaluations in process, one after another on this thread, sharing its meter and culture.
    private RuleRun[] EvaluateAll(IReadOnlyList<RuleEvaluation> evaluations)
    {
        var runs = new RuleRun[evaluations.Count];
        using var scope = RuleEvaluationScope.Enter();
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = Evaluate(evaluations[i].Rule, evaluations[i].Globals, scope);
        }

        return runs;
    }

    private RuleRun Evaluate(RuleDescriptor rule, RuleGlobals globals, in RuleEvaluationScope scope)
    {
        if (!TryGetRunnable(rule, globals, out var compiled, out var refused))
        {
            return refused;
        }

        var started = Stopwatch.GetTimestamp();
        var run = compiled.Evaluate(globals, compiled.Limits, scope);
        RuleMetrics.Evaluated(run.Outcome, Stopwatch.GetElapsedTime(started));
        Record(run, globals);
        return run;
    }

    private async Task<RuleRun[]> RunInWorkersAsync(IReadOnlyList<RuleEvaluation> evaluations, CancellationToken cancellationToken)
    {
        var runs = new RuleRun[evaluations.Count];
        var positions = new List<int>(evaluations.Count);
        var sent = new List<WorkerEvaluation>(evaluations.Count);
        for (var i = 0; i < evaluations.Count; i++)
        {
            var (rule, globals) = evaluations[i];
            if (TryGetRunnable(rule, globals, out var compiled, out var refused))
            {
                positions.Add(i);
                sent.Add(new WorkerEvaluation(compiled, globals, compiled.Limits));
            }
            else
            {
                runs[i] = refused;
            }
        }

        if (sent.Count == 0)
        {
            return runs;
        }

        var started = Stopwatch.GetTimestamp();
        var results = await workers!.EvaluateAllAsync(sent, cancellationToken).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var quarantined = false;
        for (var j = 0; j < results.Length; j++)
        {
            var (run, compiled, globals) = (results[j], sent[j].Rule, sent[j].Globals);
            RuleMetrics.Evaluated(run.Outcome, elapsed);
            quarantined |= workers.QuarantineReasonOf(compiled.Rule) is { } reason
                && CountersOf(compiled.Rule.Id).Quarantine(compiled.Rule.Version, reason, timeProvider.GetUtcNow());
            Record(run, globals);
            runs[positions[j]] = run;
        }

        if (quarantined)
        {
            lock (_gate)
            {
                Publish(_compilations);
            }
        }

        return runs;
    }

    // A rule replaced since the caller listed it runs in its current version; the run names that version.
    private bool TryGetRunnable(RuleDescriptor rule, RuleGlobals globals, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CompiledRule? compiled, out RuleRun refused)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(globals);

        refused = null!;
        RefreshSettings();
        if (!Volatile.Read(ref _compilations).TryGetValue(rule.Id, out var compilation) || compilation.Compiled is not { } loaded)
        {
            compiled = null;
            refused = new RuleRun(rule, RuleOutcome.Failed, [], [], $"rule {rule.Id} is not loaded");
            Record(refused, globals);
            return false;
        }

        compiled = loaded;
        if (CountersOf(rule.Id).QuarantinedVersion == compiled.Rule.Version)
        {
            refused = new RuleRun(compiled.Rule, RuleOutcome.Failed, [], [], $"rule {rule.Id} version {compiled.Rule.Version} is quarantined");
            compiled = null;
            return false;
        }

        return true;
    }

    /// <inheritdoc />
    public Metadata.RuleMode ModeOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.Mode ?? Metadata.RuleMode.Live;

    /// <inheritdoc/>
    public Metadata.RuleGuardrails GuardrailsOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.Guardrails ?? Metadata.RuleGuardrails.None;

    /// <inheritdoc />
    public Experiments.EmergencyThresholds? EmergencyOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.Emergency;

    /// <inheritdoc />
    public Metadata.RuleScope ScopeOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.Scope ?? Metadata.RuleScope.All;

    /// <inheritdoc />
    public Experiments.Rollout RolloutOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.Rollout ?? Experiments.Rollout.Everyone;

    /// <inheritdoc />
    public IReadOnlyList<Metadata.RuleTrigger> TriggersOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.Triggers ?? DataChangeOnly;

    /// <inheritdoc />
    public IReadOnlyList<Metadata.RuleCronSchedule> CronSchedulesOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.CronSchedules ?? [];

    /// <inheritdoc />
    public IReadOnlyList<Metadata.EventTrigger> EventTriggersOf(RuleDescriptor rule) => MetadataOf(rule.Id)?.EventTriggers ?? [];

    /// <summary>What a loaded rule runs with: its header (triggers, scope, cooldown, guards, mode, …) with the operator's overrides (<see cref="Metadata.RuleSettings"/>) in place.</summary>
    /// <param name="ruleId">The rule id.</param>
    /// <returns>The effective metadata of the rule's current version; <see langword="null"/> when no such rule is loaded.</returns>
    public Metadata.RuleMetadata? MetadataOf(string ruleId)
    {
        RefreshSettings();
        return Volatile.Read(ref _compilations).TryGetValue(ruleId, out var compilation) ? EffectiveMetadataOf(compilation) : null;
    }

    /// <inheritdoc />
    public IReadOnlyList<RuleStatus> Describe()
    {
        RefreshSettings();
        return [.. Volatile.Read(ref _compilations).Values.Select(c => CountersOf(c.Rule.Id).ToStatus(c) with
        {
            Metadata = EffectiveMetadataOf(c),
            Settings = SettingsOf(c.Rule.Id),
        })];
    }

    /// <summary>Loads the rules, then starts watching the folder when <see cref="ScriptingOptions.WatchForChanges"/> is set.</summary>
    /// <param name="cancellationToken">Cancels the loading.</param>
    /// <returns>A task that completes when the rules are loaded.</returns>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // With workers the host never compiles: there is no Roslyn in this process to warm up.
        if (options.Value.WarmUp && !InWorkers)
        {
            // Roslyn's first compilation is slow (its own code is JIT-compiled); pay for it off the caller's path.
            _ = Task.Run(WarmUp, CancellationToken.None);
        }

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
        foreach (var compilation in Volatile.Read(ref _compilations).Values)
        {
            compilation.Compiled?.Unload();
        }
    }

    private void WarmUp()
    {
        try
        {
            LogWarmedUp(RuleCompiler.WarmUp().TotalMilliseconds);
        }
        catch (Exception exception)
        {
            LogWarmUpFailed(exception);
        }
    }

    private static bool IsScript(string path) =>
        string.Equals(Path.GetExtension(path), RuleCompiler.Extension, StringComparison.OrdinalIgnoreCase);

    private async Task<RuleCompilation?> CompileAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            // A script that is a link to a file elsewhere (evil.csx -> /etc/passwd) would have the host read that file and
            // quote it in diagnostics; like a #load outside the folder, it is refused.
            if (Sandbox.ScriptLoads.LinkLeadingOutside(path, options.Value.GetFullScriptsPath()) is { } target)
            {
                LogLinkOutside(path, target);
                return null;
            }

            var compilation = InWorkers
                ? await workers!.CompileFileAsync(path, compiler, cancellationToken).ConfigureAwait(false)
                : await compiler.CompileFileAsync(path, cancellationToken).ConfigureAwait(false);
            compilation.Compiled?.Limits = compilation.Metadata.LimitsFrom(options.Value.Limits, options.Value.LimitsCeiling);
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
            var previous = _compilations;
            Publish(_compilations.Clear().SetItems(compilations.Select(c => KeyValuePair.Create(c.Rule.Id, c))));
            foreach (var old in previous.Values)
            {
                if (!compilations.Any(c => ReferenceEquals(c.Compiled, old.Compiled)))
                {
                    old.Compiled?.Unload();
                }
            }
        }
    }

    private void Publish(ImmutableSortedDictionary<string, RuleCompilation> compilations)
    {
        ApplySettings(compilations);
        Volatile.Write(ref _compilations, compilations);
        Volatile.Write(ref _rules, [.. compilations.Values.Where(c => c.Succeeded && !IsQuarantined(c.Rule)).Select(c => c.Rule)]);
    }

    private bool IsQuarantined(RuleDescriptor rule) =>
        _counters.TryGetValue(rule.Id, out var counters) && counters.QuarantinedVersion == rule.Version;

    private RuleCounters CountersOf(string ruleId) => _counters.GetOrAdd(ruleId, static _ => new RuleCounters());

    private void Record(RuleRun run, RuleGlobals globals)
    {
        if (run.Outcome is not (RuleOutcome.Failed or RuleOutcome.TimedOut))
        {
            // The hot path: nothing to log, nothing allocated.
            CountersOf(run.Rule.Id).Record(run, timeProvider.GetUtcNow(), options.Value.QuarantineAfterFailures);
            return;
        }

        LogRunFailed(run.Rule.Id, run.Rule.Version, globals.Sku.Key.ToString(), run.Outcome, run.Error);
        if (CountersOf(run.Rule.Id).Record(run, timeProvider.GetUtcNow(), options.Value.QuarantineAfterFailures))
        {
            lock (_gate)
            {
                Publish(_compilations);
            }

            LogQuarantined(run.Rule.Id, run.Rule.Version, options.Value.QuarantineAfterFailures, run.Error);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rule compiler warmed up in {Milliseconds:0} ms")]
    private partial void LogWarmedUp(double milliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule compiler warm-up failed")]
    private partial void LogWarmUpFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Scripts folder {Path} does not exist; no rules will run")]
    private partial void LogMissingFolder(string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {RuleCount} of {FileCount} rules from {Path}")]
    private partial void LogLoaded(int ruleCount, int fileCount, string path);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule {RuleId} at {Path} does not compile; it will not run: {Diagnostics}")]
    private partial void LogDoesNotCompile(string ruleId, string path, string diagnostics);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule script {Path} is a link to {Target}, outside the scripts folder; it is skipped (a rule's files stay in the folder)")]
    private partial void LogLinkOutside(string path, string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule script {Path} cannot be read; it is skipped until it changes")]
    private partial void LogUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} version {RuleVersion} is quarantined after {Failures} failed or stopped evaluations in a row; it no longer runs until its file changes. Last: {Error}")]
    private partial void LogQuarantined(string ruleId, string ruleVersion, int failures, string? error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule {RuleId} version {RuleVersion} on {Sku} ended {Outcome}: {Error}")]
    private partial void LogRunFailed(string ruleId, string ruleVersion, string sku, RuleOutcome outcome, string? error);
}
