using System.Collections.Concurrent;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Workers;

/// <summary>
/// The rule worker processes: compiles scripts and evaluates rules in them, so that rule code never
/// runs in the host (unless <see cref="ScriptingOptions.Isolation"/> is <see cref="RuleIsolation.InProcess"/>).
/// </summary>
/// <remarks>
/// <para>
/// Evaluations from all callers go into one queue; each of the <see cref="ScriptingOptions.WorkerCount"/>
/// workers takes up to <see cref="ScriptingOptions.WorkerBatchSize"/> of them at a time and sends them as
/// one message, in which each SKU's context (evaluations whose globals share the snapshot, history and
/// campaigns objects) crosses once for all the rules evaluated on it. Compilations go to the first worker
/// only, one at a time, ahead of its evaluations: the other workers never load the compiler.
/// </para>
/// <para>
/// A worker ends itself when one evaluation runs <see cref="ScriptingOptions.WorkerKillMarginMilliseconds"/> past
/// its budget (<see cref="EvaluationWatchdog"/>); the host kills one that has not answered a message within the
/// message's budgets added up plus twice that margin (a worker stopped or wedged as a whole). Either way it is
/// replaced at once. A message of several
/// rule versions that ends a worker blames nobody: its evaluations are sent again one rule version per
/// message. A message of one rule version that ends a worker is retried once on a fresh worker; a rule
/// version whose messages end two workers in a row is quarantined: its evaluations fail with the reason
/// and the others keep running. Workers start on first use.
/// </para>
/// </remarks>
public sealed partial class RuleWorkerPool : IHostedService, IDisposable, IAsyncDisposable
{
    private readonly ScriptingOptions _options;
    private readonly ILogger<RuleWorkerPool> _logger;
    private readonly Lazy<RuleWorkerLauncher?> _launcher;
    private readonly BlockingCollection<WorkItem> _queue = new(new ConcurrentQueue<WorkItem>());

    // Compilations go to one worker, the first slot's, one at a time: the other workers never load Roslyn, whose code
    // costs each process that compiles seconds of JIT and tens of megabytes, and Roslyn compiles no faster in parallel
    // on the cores the evaluations need.
    private readonly BlockingCollection<WorkItem> _compiles = new(new ConcurrentQueue<WorkItem>());
    private const int CompilerSlot = 0;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<(string Id, string Version), int> _crashes = new();
    private readonly ConcurrentDictionary<(string Id, string Version), string> _quarantined = new();
    private volatile bool _anyQuarantined;
    private volatile bool _hostStopping;
    private readonly ConcurrentDictionary<int, RuleWorkerProcess> _workers = new();
    private readonly Lock _gate = new();
    private Thread[]? _slots;
    private long _batchesSent;
    private readonly ConcurrentDictionary<int, int> _busy = new();

    /// <summary>Creates the pool; nothing starts until it is used or the host starts it.</summary>
    /// <param name="options">The scripting options.</param>
    /// <param name="logger">Where worker crashes and quarantines are logged.</param>
    public RuleWorkerPool(IOptions<ScriptingOptions> options, ILogger<RuleWorkerPool> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);

        _options = options.Value;
        _logger = logger;
        _launcher = new Lazy<RuleWorkerLauncher?>(CreateLauncher, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Creates the pool of a host: once the host is stopping, a worker that ends blames no rule.</summary>
    /// <param name="options">The scripting options.</param>
    /// <param name="logger">Where worker crashes and quarantines are logged.</param>
    /// <param name="lifetime">The host's lifetime.</param>
    /// <remarks>
    /// A service manager stopping the host (systemd signals its whole control group) or Ctrl+C in a terminal (its whole
    /// process group) signals the workers too, before the host has stopped asking them for evaluations; those workers
    /// did not crash, and no rule version may be counted towards quarantine for it.
    /// </remarks>
    public RuleWorkerPool(IOptions<ScriptingOptions> options, ILogger<RuleWorkerPool> logger, IHostApplicationLifetime lifetime)
        : this(options, logger)
    {
        ArgumentNullException.ThrowIfNull(lifetime);
        lifetime.ApplicationStopping.Register(() => _hostStopping = true);
    }

    /// <summary>Whether rules are compiled and evaluated in workers (<see cref="ScriptingOptions.Isolation"/> is not <see cref="RuleIsolation.InProcess"/>).</summary>
    public bool Enabled => _options.Isolation != RuleIsolation.InProcess;

    /// <summary>Whether the workers run under bubblewrap; resolving it checks <see cref="ScriptingOptions.Isolation"/> against what is installed.</summary>
    /// <exception cref="InvalidOperationException"><see cref="RuleIsolation.Confined"/> is configured and bubblewrap is not available.</exception>
    public bool Confined => _launcher.Value?.Confined ?? false;

    /// <summary>The process ids of the running workers (of <c>bwrap</c> when confined).</summary>
    public IReadOnlyList<int> WorkerProcessIds => [.. _workers.Values.Where(w => !w.HasExited).Select(w => w.Id)];

    /// <summary>The process ids of the workers that hold a request right now.</summary>
    internal IReadOnlyList<int> BusyWorkerProcessIds => [.. _busy.Values];

    /// <summary>How many evaluation messages were sent to workers (each holds several evaluations).</summary>
    internal long BatchesSent => Interlocked.Read(ref _batchesSent);

    /// <summary>Checks the isolation setting and logs what the host gets; workers themselves start on first use.</summary>
    /// <param name="cancellationToken">Not used.</param>
    /// <returns>A completed task.</returns>
    /// <exception cref="InvalidOperationException"><see cref="RuleIsolation.Confined"/> is configured and bubblewrap is not available.</exception>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = _launcher.Value;
        return Task.CompletedTask;
    }

    /// <summary>Stops the workers.</summary>
    /// <param name="cancellationToken">Not used.</param>
    /// <returns>A completed task.</returns>
    public Task StopAsync(CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    /// <summary>Compiles a script file in a worker. The host keeps the image (in <see cref="ScriptingOptions.CachePath"/> too) and never loads it.</summary>
    /// <param name="path">The script's path.</param>
    /// <param name="compiler">The host's compiler, whose cache keeps the image.</param>
    /// <param name="cancellationToken">Cancels reading the file and the wait.</param>
    /// <returns>The compilation; its rule is detached (evaluated through <see cref="EvaluateAsync(CompiledRule, RuleGlobals, CancellationToken)"/>). A worker that crashes twice on the script is an error diagnostic.</returns>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public async Task<RuleCompilation> CompileFileAsync(string path, RuleCompiler compiler, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(compiler);

        var content = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        var work = new CompileWork(new WorkerCompileRequest(path, content, _options.CachePath is { Length: > 0 } cache ? Path.GetFullPath(cache) : null, _options.WorkersSkipSandboxChecks));
        Enqueue(work);
        var response = await work.Completion.Task.WaitAsync(cancellationToken).ConfigureAwait(false);

        var (metadata, _) = RuleMetadataParser.Parse(Sandbox.IdeHeader.Strip(RuleCompiler.Decode(content)), response.Rule.Id, path);
        if (response.Image is not { } image || response.Diagnostics.Any(d => d.IsError))
        {
            return new RuleCompilation(response.Rule, response.Diagnostics, null) { Metadata = metadata };
        }

        if (response.CacheKey is { } key && !response.FromCache)
        {
            compiler.Store(key, image, response.Diagnostics);
        }

        var rule = CompiledRule.Detached(response.Rule, image);
        rule.Metadata = metadata;
        rule.Limits = metadata.LimitsFrom(RuleLimits.Default, RuleLimits.DefaultCeiling);
        return new RuleCompilation(response.Rule, response.Diagnostics, rule) { Metadata = metadata, FromCache = response.FromCache, CacheKey = response.CacheKey };
    }

    /// <summary>Evaluates a rule on one SKU in a worker, with the rule's <see cref="CompiledRule.Limits"/>.</summary>
    /// <param name="rule">The rule: compiled by <see cref="CompileFileAsync"/>, or anywhere else (its image is sent to the workers).</param>
    /// <param name="globals">The evaluation's globals; only what they are built from crosses to the worker.</param>
    /// <param name="cancellationToken">Cancels the wait, not the evaluation.</param>
    /// <returns>The run; a quarantined rule's run fails with the quarantine's reason.</returns>
    public Task<RuleRun> EvaluateAsync(CompiledRule rule, RuleGlobals globals, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);

        return EvaluateAsync(rule, globals, rule.Limits, cancellationToken);
    }

    /// <summary>Evaluates a rule on one SKU in a worker.</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="globals">The evaluation's globals.</param>
    /// <param name="limits">The budgets of the evaluation.</param>
    /// <param name="cancellationToken">Cancels the wait, not the evaluation.</param>
    /// <returns>The run; a quarantined rule's run fails with the quarantine's reason.</returns>
    public async Task<RuleRun> EvaluateAsync(CompiledRule rule, RuleGlobals globals, RuleLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(limits);

        var runs = await EvaluateAllAsync([new WorkerEvaluation(rule, globals, limits)], cancellationToken).ConfigureAwait(false);
        return runs[0];
    }

    /// <summary>
    /// Evaluates several rules, typically every rule of a round on one SKU, in workers. They are queued and completed
    /// as one: the caller waits once, however many rules the round has.
    /// </summary>
    /// <param name="evaluations">The evaluations.</param>
    /// <param name="cancellationToken">Cancels the wait, not the evaluations.</param>
    /// <returns>One run per evaluation, in order; a quarantined rule's run fails with the quarantine's reason.</returns>
    public Task<RuleRun[]> EvaluateAllAsync(IReadOnlyList<WorkerEvaluation> evaluations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(evaluations);

        var group = new EvaluationGroup(evaluations.Count);
        var queued = new List<EvaluationWork>(evaluations.Count);
        for (var i = 0; i < evaluations.Count; i++)
        {
            var (rule, globals, limits) = evaluations[i];
            if (!rule.Admits(globals))
            {
                group.Complete(i, new RuleRun(rule.Rule, RuleOutcome.NoAction, [], [], null));
            }
            else if (QuarantineReasonOf(rule.Rule) is { } reason)
            {
                group.Complete(i, new RuleRun(rule.Rule, RuleOutcome.Failed, [], [], reason));
            }
            else
            {
                queued.Add(new EvaluationWork(group, i, rule, limits, globals));
            }
        }

        if (queued.Count > 0)
        {
            group.Works = [.. queued];
            Enqueue(group);
        }

        return group.Completion.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Why a rule version is quarantined for crashing its workers.</summary>
    /// <param name="rule">The rule version.</param>
    /// <returns>The reason; <see langword="null"/> when it is not quarantined.</returns>
    public string? QuarantineReasonOf(RuleDescriptor rule)
    {
        ArgumentNullException.ThrowIfNull(rule);

        // Read for every evaluation; the dictionary (keyed by two strings) is only consulted once something is in it.
        return _anyQuarantined && _quarantined.TryGetValue((rule.Id, rule.Version), out var reason) ? reason : null;
    }

    /// <summary>Stops the workers.</summary>
    public void Dispose() =>
        // _stopping is cancelled, not disposed: slots that are still unwinding read its token.
        Stop();

    /// <summary>Stops the workers.</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private RuleWorkerLauncher? CreateLauncher()
    {
        switch (_options.Isolation)
        {
            case RuleIsolation.InProcess:
                LogInProcess();
                return null;
            case RuleIsolation.Confined:
                var required = RuleWorkerLauncher.FindBubblewrap()
                    ?? throw new InvalidOperationException(
                        "Marketpilot:Scripting:Isolation is Confined, but bubblewrap (bwrap) is not installed or cannot create a sandbox here. "
                        + "Install the package 'bubblewrap' (apt-get install bubblewrap) on Linux, or set Isolation to Auto.");
                LogConfined(_options.WorkerCount, required);
                return new RuleWorkerLauncher(_options, required);
            default:
                var found = RuleWorkerLauncher.FindBubblewrap();
                if (found is null)
                {
                    LogUnconfined(_options.WorkerCount, OperatingSystem.IsLinux() ? "install the package 'bubblewrap' (apt-get install bubblewrap) to confine them" : "bubblewrap exists only on Linux");
                }
                else
                {
                    LogConfined(_options.WorkerCount, found);
                }

                return new RuleWorkerLauncher(_options, found);
        }
    }

    private void Enqueue(WorkItem work)
    {
        if (_launcher.Value is null)
        {
            throw new InvalidOperationException("Rule workers are off (Marketpilot:Scripting:Isolation is InProcess).");
        }

        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            _slots ??= [.. Enumerable.Range(0, _options.WorkerCount).Select(StartSlot)];
        }

        if (!Write(work))
        {
            work.Cancel();
        }
    }

    // False once the pool is stopping: nobody would take it.
    private bool Write(WorkItem work)
    {
        try
        {
            return (work is CompileWork ? _compiles : _queue).TryAdd(work);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private void Stop()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            _queue.CompleteAdding();
            _compiles.CompleteAdding();
        }

        foreach (var worker in _workers.Values)
        {
            worker.Dispose();
        }

        _workers.Clear();
        while (_queue.TryTake(out var work))
        {
            work.Cancel();
        }

        while (_compiles.TryTake(out var compile))
        {
            compile.Cancel();
        }
    }
}
