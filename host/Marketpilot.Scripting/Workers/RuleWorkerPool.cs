using System.Collections.Concurrent;
using System.Diagnostics;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Telemetry;
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

    // A thread per slot, not the thread pool's: it blocks on its worker's answer (WorkerConnection).
    private Thread StartSlot(int slot)
    {
        var thread = new Thread(() => RunSlot(slot)) { IsBackground = true, Name = $"Marketpilot rule worker slot {slot}" };
        thread.Start();
        return thread;
    }

    private TimeSpan KillMargin => TimeSpan.FromMilliseconds(_options.WorkerKillMarginMilliseconds);

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

    private void RunSlot(int slot)
    {
        // The compiler's slot takes compilations first, ahead of evaluations; the others never see them.
        BlockingCollection<WorkItem>[] sources = slot == CompilerSlot ? [_compiles, _queue] : [_queue];
        var batch = new List<WorkItem>();
        while (Take(sources) is { } first)
        {
            try
            {
                if (first is CompileWork compile)
                {
                    batch.Add(compile);
                    Run(slot, compile);
                    batch.Clear();
                    continue;
                }

                // A round's group counts by its evaluations: a message holds about WorkerBatchSize of them.
                var evaluationCount = 0;
                for (var work = first; work is not null; work = evaluationCount < _options.WorkerBatchSize && _queue.TryTake(out var next) ? next : null)
                {
                    if (work is EvaluationGroup group)
                    {
                        batch.AddRange(group.Works);
                        evaluationCount += group.Works.Length;
                    }
                    else
                    {
                        batch.Add(work);
                        evaluationCount++;
                    }
                }

                // One message for the batch, so a SKU's context crosses once for all its rules; evaluations
                // whose mixed message crashed a worker go one rule version per message, to pin the crash.
                var evaluations = batch.OfType<EvaluationWork>().ToArray();
                if (evaluations.Any(w => !w.Isolated))
                {
                    Run(slot, [.. evaluations.Where(w => !w.Isolated)]);
                }

                foreach (var group in evaluations.Where(w => w.Isolated).GroupBy(w => w.Key))
                {
                    Run(slot, [.. group]);
                }
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                foreach (var work in batch)
                {
                    work.Cancel();
                }

                return;
            }
            catch (Exception exception)
            {
                // Nothing may end a slot's thread (that would end the host): what it held fails with the reason.
                LogSlotFailed(exception, slot);
                foreach (var work in batch)
                {
                    work.Fail("the rule worker pool failed: " + exception.Message);
                }
            }

            batch.Clear();
        }
    }

    // The next item for the slot; null once the pool stops.
    private WorkItem? Take(BlockingCollection<WorkItem>[] sources)
    {
        try
        {
            BlockingCollection<WorkItem>.TakeFromAny(sources, out var work, _stopping.Token);
            return work;
        }
        catch (Exception exception) when (exception is OperationCanceledException or ArgumentException or InvalidOperationException)
        {
            // Cancelled, or the queues were closed for adding and are empty: the pool is stopping.
            return null;
        }
    }

    private RuleWorkerProcess Worker(int slot)
    {
        // A stopping pool starts nothing: the slot unwinds and cancels what it holds.
        _stopping.Token.ThrowIfCancellationRequested();
        if (_workers.TryGetValue(slot, out var worker) && !worker.HasExited && !worker.StartFailed)
        {
            return worker;
        }

        worker?.Dispose();
        worker = RuleWorkerProcess.Start(_launcher.Value!.CreateStartInfo(), TimeSpan.FromMilliseconds(_options.WorkerStartTimeoutMilliseconds));
        _workers[slot] = worker;
        LogWorkerStarted(slot, worker.Id, _launcher.Value.Confined);
        return worker;
    }

    private void Replace(int slot, RuleWorkerProcess crashed)
    {
        crashed.Dispose();
        _workers.TryRemove(KeyValuePair.Create(slot, crashed));
        if (!_stopping.IsCancellationRequested)
        {
            try
            {
                Worker(slot);
            }
            catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
            {
                LogWorkerStartFailed(exception, slot);
            }
        }
    }

    private void Run(int slot, CompileWork work)
    {
        RuleWorkerProcess? worker = null;
        try
        {
            worker = Worker(slot);
            var response = worker.Invoke<WorkerCompileRequest, WorkerCompileResponse>(
                WorkerFrame.Compile, work.Request, TimeSpan.FromMilliseconds(_options.CompileTimeoutMilliseconds));
            if (response.Image is not null)
            {
                worker.Loaded.Add((response.Rule.Id, response.Rule.Version));
            }

            work.Completion.TrySetResult(response);
        }
        catch (RuleWorkerCrashedException crash)
        {
            LogCompileCrashed(slot, work.Request.Path, crash.Message, work.Attempts == 0);
            Replace(slot, worker!);
            if (work.Attempts++ == 0)
            {
                Retry(work);
                return;
            }

            var rule = new RuleDescriptor(RuleCompiler.IdOf(work.Request.Path), RuleCompiler.VersionOf(work.Request.Content), work.Request.Path);
            work.Completion.TrySetResult(new WorkerCompileResponse(
                rule,
                [new RuleDiagnostic(work.Request.Path, 1, 1, "error", "MP0002", "the compiler's worker crashed twice on this script: " + crash.Message)],
                null,
                false,
                null));
        }
        catch (RuleWorkerStartFailedException failed)
        {
            // Nothing was sent, so the script is not blamed: once more on the slot's next worker.
            LogWorkerStartFailed(failed, slot);
            if (work.Attempts++ == 0)
            {
                Retry(work);
                return;
            }

            work.Completion.TrySetException(failed);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or IOException)
        {
            work.Completion.TrySetException(exception);
        }
    }

    private void Run(int slot, EvaluationWork[] works)
    {
        var quarantined = works.Where(w => QuarantineReasonOf(w.Rule.Rule) is not null).ToArray();
        foreach (var work in quarantined)
        {
            work.Complete(new RuleRun(work.Rule.Rule, RuleOutcome.Failed, [], [], QuarantineReasonOf(work.Rule.Rule)));
        }

        if (quarantined.Length > 0)
        {
            works = [.. works.Except(quarantined)];
        }

        if (works.Length == 0)
        {
            return;
        }

        // Distinct compiled rules first (by reference): hashing two strings per evaluation showed in the sweep's profile.
        var keys = works.Select(w => w.Rule).Distinct().Select(rule => (rule.Rule.Id, rule.Rule.Version)).Distinct().ToArray();
        RuleWorkerProcess? worker = null;
        try
        {
            worker = Worker(slot);
            var message = Message(works, worker);
            // The worker ends itself when one evaluation overruns (EvaluationWatchdog); this deadline is for a worker
            // that cannot, stopped or wedged as a whole.
            var deadline = works.Aggregate(TimeSpan.Zero, (sum, w) => sum + w.Limits.Timeout) + (2 * KillMargin);
            Interlocked.Increment(ref _batchesSent);
            _busy[slot] = worker.Id;
            var sent = Stopwatch.GetTimestamp();
            var outputs = worker.Invoke<WorkerEvaluationBatch, WorkerEvaluationOutput[]>(WorkerFrame.Evaluate, message, deadline);
            if (outputs.Length != works.Length)
            {
                throw new InvalidOperationException($"worker {worker.Id} answered {outputs.Length} outputs for {works.Length} evaluations");
            }

            _busy.TryRemove(slot, out _);
            RuleMetrics.WorkerMessage(works.Length, Stopwatch.GetElapsedTime(sent));
            foreach (var key in keys)
            {
                worker.Loaded.Add(key);
                _crashes.TryRemove(key, out _);
            }

            for (var i = 0; i < works.Length; i++)
            {
                works[i].Complete(outputs[i].ToRun(works[i].Rule.Rule));
            }
        }
        catch (RuleWorkerCrashedException crash)
        {
            _busy.TryRemove(slot, out _);
            Replace(slot, worker!);
            if (keys.Length > 1)
            {
                // Several rule versions: the culprit is unknown, so nobody is blamed yet; each is retried alone.
                LogMixedBatchCrashed(slot, keys.Length, works.Length, crash.Message);
                foreach (var work in works)
                {
                    work.Isolated = true;
                    Retry(work);
                }

                return;
            }

            var key = keys[0];
            var crashes = _crashes.AddOrUpdate(key, 1, static (_, count) => count + 1);
            if (crashes >= 2)
            {
                var reason = $"rule {key.Id} version {key.Version} crashed its worker twice; last: {crash.Message}";
                if (_quarantined.TryAdd(key, reason))
                {
                    _anyQuarantined = true;
                    LogQuarantined(key.Id, key.Version, crash.Message);
                }

                Fail(works, reason);
                return;
            }

            LogBatchCrashed(slot, key.Id, key.Version, works.Length, crash.Message);
            RetryOnceElseFail(works, "the rule's worker crashed twice: " + crash.Message);
        }
        catch (RuleWorkerStartFailedException failed)
        {
            // Nothing was sent, so no rule is blamed: each evaluation once more on the slot's next worker.
            _busy.TryRemove(slot, out _);
            LogWorkerStartFailed(failed, slot);
            RetryOnceElseFail(works, "the rule's worker did not start: " + failed.Message);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception or IOException or MessagePack.MessagePackSerializationException)
        {
            _busy.TryRemove(slot, out _);
            LogBatchFailed(exception, slot, string.Join(", ", keys.Select(k => k.Id)), string.Join(", ", keys.Select(k => k.Version)));
            Fail(works, "the rule's worker could not evaluate it: " + exception.Message);
        }
    }

    // Rules and contexts are sent once per message; the grains and sweeps build one RuleGlobals per rule
    // over the same snapshot, history and campaigns, which is what identifies a SKU's context here.
    private WorkerEvaluationBatch Message(EvaluationWork[] works, RuleWorkerProcess worker)
    {
        var rules = new List<WorkerRuleEntry>();
        var ruleIndex = new Dictionary<(CompiledRule Rule, RuleLimits Limits), int>();
        var contexts = new List<WorkerSkuContext>();
        var contextIndex = new Dictionary<ContextKey, int>();
        var items = new WorkerEvaluationItem[works.Length];
        for (var i = 0; i < works.Length; i++)
        {
            var work = works[i];
            var ruleKey = (work.Rule, work.Limits);
            if (!ruleIndex.TryGetValue(ruleKey, out var r))
            {
                r = rules.Count;
                ruleIndex[ruleKey] = r;
                var sendImage = !worker.Loaded.Contains(work.Key) && !rules.Any(e => e.Rule == work.Rule.Rule && e.Image is not null);
                rules.Add(new WorkerRuleEntry(work.Rule.Rule, sendImage ? work.Rule.Image : null, work.Limits));
            }

            var globals = work.Globals;
            var contextKey = new ContextKey(globals.Sku, globals.History, globals.Campaigns, globals.Now, globals.Event);
            if (!contextIndex.TryGetValue(contextKey, out var c))
            {
                c = contexts.Count;
                contextIndex[contextKey] = c;
                contexts.Add(WorkerSkuContext.From(globals));
            }

            items[i] = new WorkerEvaluationItem(r, c, globals.Rule);
        }

        return new WorkerEvaluationBatch(rules, contexts, items, KillMargin);
    }

    // Back into the queue for another worker; once the pool is stopping, nobody would take it.
    private void Retry(WorkItem work)
    {
        if (_stopping.IsCancellationRequested || !Write(work))
        {
            work.Cancel();
        }
    }

    // Each evaluation goes back into the queue once; one that already had its second chance fails with the reason.
    private void RetryOnceElseFail(EvaluationWork[] works, string reason)
    {
        foreach (var work in works)
        {
            if (work.Attempts++ == 0)
            {
                Retry(work);
            }
            else
            {
                work.Fail(reason);
            }
        }
    }

    private static void Fail(EvaluationWork[] works, string reason)
    {
        foreach (var work in works)
        {
            work.Fail(reason);
        }
    }

    // A SKU's context is the same objects (by reference), the same time and the same event.
    private readonly record struct ContextKey(object Sku, object History, object Campaigns, DateTimeOffset Now, object? Event)
    {
        public bool Equals(ContextKey other) =>
            ReferenceEquals(Sku, other.Sku) && ReferenceEquals(History, other.History) && ReferenceEquals(Campaigns, other.Campaigns) && Now == other.Now
            && ReferenceEquals(Event, other.Event);

        public override int GetHashCode() =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(Sku), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(History), Now);
    }

    private abstract class WorkItem
    {
        public int Attempts { get; set; }

        public abstract void Cancel();

        public abstract void Fail(string reason);
    }

    private sealed class CompileWork(WorkerCompileRequest request) : WorkItem
    {
        public WorkerCompileRequest Request { get; } = request;

        public TaskCompletionSource<WorkerCompileResponse> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override void Cancel() => Completion.TrySetCanceled();

        public override void Fail(string reason) => Completion.TrySetException(new InvalidOperationException(reason));
    }

    // The evaluations of one EvaluateAllAsync call: one completion for all of them, set when the last one ends.
    private sealed class EvaluationGroup(int count) : WorkItem
    {
        private readonly RuleRun[] _runs = new RuleRun[count];
        private int _remaining = count;

        public EvaluationWork[] Works { get; set; } = [];

        public TaskCompletionSource<RuleRun[]> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Complete(int index, RuleRun run)
        {
            _runs[index] = run;
            if (Interlocked.Decrement(ref _remaining) == 0)
            {
                Completion.TrySetResult(_runs);
            }
        }

        public override void Cancel() => Completion.TrySetCanceled();

        public override void Fail(string reason)
        {
            foreach (var work in Works)
            {
                work.Fail(reason);
            }
        }
    }

    private sealed class EvaluationWork(EvaluationGroup group, int index, CompiledRule rule, RuleLimits limits, RuleGlobals globals) : WorkItem
    {
        private int _completed;

        // Set after a message of several rule versions crashed a worker: sent with its rule version alone from then on.
        public bool Isolated { get; set; }

        public CompiledRule Rule { get; } = rule;

        public RuleLimits Limits { get; } = limits;

        public RuleGlobals Globals { get; } = globals;

        public (string Id, string Version) Key => (Rule.Rule.Id, Rule.Rule.Version);

        // Each evaluation ends once, whichever path (result, retry exhausted, quarantine) gets there first.
        public void Complete(RuleRun run)
        {
            if (Interlocked.Exchange(ref _completed, 1) == 0)
            {
                group.Complete(index, run);
            }
        }

        public override void Cancel() => group.Cancel();

        public override void Fail(string reason) => Complete(new RuleRun(Rule.Rule, RuleOutcome.Failed, [], [], reason));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Rules run in {WorkerCount} worker processes confined by bubblewrap ({Bubblewrap})")]
    private partial void LogConfined(int workerCount, string bubblewrap);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rules run in {WorkerCount} plain worker processes, not confined by the operating system: {Advice}")]
    private partial void LogUnconfined(int workerCount, string advice);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rules run inside the host process (Marketpilot:Scripting:Isolation is InProcess): only the language sandbox stands between a rule and the host")]
    private partial void LogInProcess();

    [LoggerMessage(Level = LogLevel.Debug, Message = "Rule worker {Slot} started as process {ProcessId} (confined: {Confined})")]
    private partial void LogWorkerStarted(int slot, int processId, bool confined);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule worker {Slot} could not be started; it is started again with its next batch")]
    private partial void LogWorkerStartFailed(Exception exception, int slot);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule worker {Slot} crashed compiling {Path}: {Reason}; worker replaced, retrying: {Retrying}")]
    private partial void LogCompileCrashed(int slot, string path, string reason, bool retrying);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule worker {Slot} crashed evaluating rule {RuleId} version {RuleVersion} on {SkuCount} SKUs: {Reason}; worker replaced, batch retried on a fresh worker")]
    private partial void LogBatchCrashed(int slot, string ruleId, string ruleVersion, int skuCount, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rule worker {Slot} crashed evaluating {RuleCount} rule versions on {EvaluationCount} evaluations: {Reason}; worker replaced, each rule version retried alone on a fresh worker")]
    private partial void LogMixedBatchCrashed(int slot, int ruleCount, int evaluationCount, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule {RuleId} version {RuleVersion} crashed its worker twice and is quarantined; the other rules keep running. Last: {Reason}")]
    private partial void LogQuarantined(string ruleId, string ruleVersion, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule worker slot {Slot} failed; the evaluations it held fail")]
    private partial void LogSlotFailed(Exception exception, int slot);

    [LoggerMessage(Level = LogLevel.Error, Message = "Rule worker {Slot} refused a batch of rule {RuleId} version {RuleVersion}; its evaluations fail")]
    private partial void LogBatchFailed(Exception exception, int slot, string ruleId, string ruleVersion);
}
