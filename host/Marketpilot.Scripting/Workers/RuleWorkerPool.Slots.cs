using System.Collections.Concurrent;
using System.Diagnostics;
using Marketpilot.Scripting.Telemetry;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

// The slots: one thread per worker that takes queued work, sends it and completes it with the answer, replacing a worker that dies.
public sealed partial class RuleWorkerPool
{
    // A thread per slot, not the thread pool's: it blocks on its worker's answer (WorkerConnection).
    private Thread StartSlot(int slot)
    {
        var thread = new Thread(() => RunSlot(slot)) { IsBackground = true, Name = $"Marketpilot rule worker slot {slot}" };
        thread.Start();
        return thread;
    }

    private TimeSpan KillMargin => TimeSpan.FromMilliseconds(_options.WorkerKillMarginMilliseconds);

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
        catch (RuleWorkerCrashedException crash) when (_hostStopping)
        {
            LogEndedWhileHostStops(slot, crash.Message);
            Replace(slot, worker!);
            if (work.Attempts++ == 0)
            {
                Retry(work);
                return;
            }

            work.Completion.TrySetException(new InvalidOperationException("the host is stopping: " + crash.Message));
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
            // A worker counts as busy once it is up and holds the message, not while it starts.
            worker.AwaitReady();
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
        catch (RuleWorkerCrashedException crash) when (_hostStopping)
        {
            // Most likely signalled with the host; either way not a verdict on these rules.
            _busy.TryRemove(slot, out _);
            LogEndedWhileHostStops(slot, crash.Message);
            Replace(slot, worker!);
            RetryOnceElseFail(works, "the host is stopping: " + crash.Message);
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
}
