using System.Diagnostics;
using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests.Workers;

public sealed class RuleWorkerPoolTests
{
    private const string Margin = "if (Sku.Price < Sku.Cost * 1.2m) SetPrice(Sku.Cost * 1.2m, \"margin\"); else Log(\"ok \" + Sku.Sku);";

    [Fact]
    public async Task AScriptThatDoesNotCompileInAWorkerGetsTheSameDiagnosticsAsInProcess()
    {
        using var folder = new TempFolder();
        var path = folder.Write("broken.csx", "var x = System.IO.File.ReadAllText(\"/etc/passwd\");\nSetPrice(undefined);");
        await using var pool = WorkerPools.Create(o => o.WorkerReadablePaths.Add(folder.Path));

        var inWorkers = await pool.CompileFileAsync(path, new RuleCompiler());

        Assert.False(inWorkers.Succeeded);
        Assert.Equal((await new RuleCompiler().CompileFileAsync(path)).Diagnostics, inWorkers.Diagnostics);
    }

    [Fact]
    public async Task ASweepIsSentInBatchesAndEverySkuGetsItsOwnResult()
    {
        await using var pool = WorkerPools.Create(o => o.WorkerBatchSize = 50);
        var rule = Some.Rule(Margin);

        var runs = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => pool.EvaluateAsync(rule, Some.Globals(Some.Sku(sku: $"S-{i}", price: i % 2 == 0 ? 100m : 200m)))));

        Assert.All(runs.Where((_, i) => i % 2 == 0), run => Assert.Equal(new SetPrice(120m) { Reason = "margin" }, Assert.Single(run.Actions)));
        Assert.All(runs.Where((_, i) => i % 2 == 1).Select((run, i) => (run, i)), r => Assert.Equal($"ok S-{(2 * r.i) + 1}", Assert.Single(r.run.Messages)));
        Assert.InRange(pool.BatchesSent, 10, 499);
    }

    [Fact]
    public async Task ARoundOfRulesOnOneSkuIsNeverSplitAcrossMessagesAndComesBackInOrder()
    {
        // Two evaluations a message at most, three rules a round: a message holds one whole round (never a part).
        await using var pool = WorkerPools.Create(o =>
        {
            o.WorkerCount = 1;
            o.WorkerBatchSize = 2;
        });
        var rules = new[] { Some.Rule(Margin, "margin.csx"), Some.Rule("Log(\"second \" + Sku.Sku);", "second.csx"), Some.Rule("Log(\"third \" + Sku.Sku);", "third.csx") };

        var rounds = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
        {
            var context = SkuEvaluationContext.Create(Some.Sku(sku: $"S-{i}", price: 200m), [], [], DateTimeOffset.UnixEpoch);
            return pool.EvaluateAllAsync([.. rules.Select(rule => new WorkerEvaluation(rule, context.GlobalsFor(RuleState.New(rule.Rule.Id)), rule.Limits))]);
        }));

        Assert.All(rounds.Select((runs, i) => (runs, i)), round =>
        {
            Assert.Equal(rules.Select(r => r.Rule), round.runs.Select(r => r.Rule));
            Assert.Equal([$"ok S-{round.i}", $"second S-{round.i}", $"third S-{round.i}"], round.runs.Select(r => Assert.Single(r.Messages)));
        });
        Assert.InRange(pool.BatchesSent, 1, 30);
    }

    [Fact]
    public async Task AWorkerKilledInTheMiddleOfASweepIsReplacedAndItsBatchIsRetried()
    {
        using var folder = new TempFolder();
        var block = folder.Write("block", "hold");
        await using var pool = WorkerPools.Create(o =>
        {
            o.WorkerBatchSize = 1;
            o.WorkerReadablePaths.Add(folder.Path);
        });
        var rule = WorkerPools.Unchecked($$"""
            if (Sku.Sku == "S-100") { while (System.IO.File.Exists("{{block}}")) System.Threading.Thread.Sleep(20); }
            SetPrice(Sku.Price + 1m);
            """);
        var limits = rule.Limits with { Timeout = TimeSpan.FromMinutes(5) };

        var sweep = Enumerable.Range(0, 200).Select(i => pool.EvaluateAsync(rule, Some.Globals(Some.Sku(sku: $"S-{i}")), limits)).ToList();
        await Task.WhenAll(sweep.Where((_, i) => i != 100));
        var killed = Assert.Single(pool.BusyWorkerProcessIds);
        Process.GetProcessById(killed).Kill();

        File.Delete(block);
        var runs = await Task.WhenAll(sweep);

        Assert.All(runs, run => Assert.Equal(RuleOutcome.Fired, run.Outcome));
        Assert.Null(pool.QuarantineReasonOf(rule.Rule));
        var hold = folder.Write("hold", "hold");
        var holding = WorkerPools.Unchecked($$"""while (System.IO.File.Exists("{{hold}}")) System.Threading.Thread.Sleep(20);""", "hold.csx");
        var both = Enumerable.Range(0, 2).Select(i => pool.EvaluateAsync(holding, Some.Globals(Some.Sku(sku: $"H-{i}")), limits)).ToList();
        Assert.True(await UntilAsync(() => pool.BusyWorkerProcessIds.Count == 2), $"busy workers: {string.Join(", ", pool.BusyWorkerProcessIds)}");
        Assert.DoesNotContain(killed, pool.WorkerProcessIds);
        File.Delete(hold);
        await Task.WhenAll(both);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task WorkersSignalledWhileTheHostStopsBlameNoRuleAndOutsideAStopTheyDo(bool hostStopping)
    {
        // What systemd's stop (the whole control group) or Ctrl+C (the whole process group) does: SIGTERM to the workers
        // as well as to the host, while evaluations are in flight. Outside a stop, a worker ended under a rule is that
        // rule's crash: a rule that got past the language sandbox could signal its own worker.
        using var folder = new TempFolder();
        var block = folder.Write("block", "hold");
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        await using var pool = new RuleWorkerPool(
            Options.Create(WorkerPools.Configure(o => o.WorkerReadablePaths.Add(folder.Path))), NullLogger<RuleWorkerPool>.Instance, lifetime);
        var rule = WorkerPools.Unchecked($$"""while (System.IO.File.Exists("{{block}}")) System.Threading.Thread.Sleep(20); SetPrice(Sku.Price + 1m);""");
        if (hostStopping)
        {
            lifetime.StopApplication();
        }

        var run = pool.EvaluateAsync(rule, Some.Globals(), rule.Limits with { Timeout = TimeSpan.FromMinutes(5) });
        var signalled = new List<int>();
        for (var attempt = 0; attempt < 2; attempt++)
        {
            Assert.True(await UntilAsync(() => pool.BusyWorkerProcessIds.Any(id => !signalled.Contains(id))), $"attempt {attempt + 1} never reached a worker");
            var worker = pool.BusyWorkerProcessIds.First(id => !signalled.Contains(id));
            signalled.Add(worker);
            using var kill = Process.Start("kill", ["-TERM", worker.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
            await kill.WaitForExitAsync();
        }

        var result = await run;

        Assert.Equal(RuleOutcome.Failed, result.Outcome);
        Assert.Contains("exited with code 143", result.Error, StringComparison.Ordinal);
        if (hostStopping)
        {
            Assert.StartsWith("the host is stopping: ", result.Error, StringComparison.Ordinal);
            Assert.Null(pool.QuarantineReasonOf(rule.Rule));
        }
        else
        {
            Assert.NotNull(pool.QuarantineReasonOf(rule.Rule));
        }
    }

    [Fact]
    public async Task ARuleThatCrashesItsWorkerTwiceIsQuarantinedAndTheOthersKeepRunning()
    {
        await using var pool = WorkerPools.Create();
        var crasher = WorkerPools.Unchecked("System.Environment.Exit(42);", "crasher.csx");
        var margin = Some.Rule(Margin);

        var crashed = await pool.EvaluateAsync(crasher, Some.Globals());
        var healthy = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => pool.EvaluateAsync(margin, Some.Globals(Some.Sku(sku: $"S-{i}", price: 100m)))));
        var again = await pool.EvaluateAsync(crasher, Some.Globals());

        Assert.Equal(RuleOutcome.Failed, crashed.Outcome);
        Assert.Contains("crashed its worker twice", crashed.Error, StringComparison.Ordinal);
        Assert.Contains("exited with code 42", pool.QuarantineReasonOf(crasher.Rule), StringComparison.Ordinal);
        Assert.Equal(crashed.Error, again.Error);
        Assert.All(healthy, run => Assert.Equal(RuleOutcome.Fired, run.Outcome));
        Assert.Null(pool.QuarantineReasonOf(margin.Rule));
    }

    [Fact]
    public async Task ARuleThatWritesIntoItsWorkersAnswersIsQuarantinedAndTheOthersKeepRunning()
    {
        await using var pool = WorkerPools.Create();
        // A frame header no answer has (2 GiB), written where the worker's answers go, ahead of the real one.
        var forger = WorkerPools.Unchecked(
            "var answers = System.Console.OpenStandardOutput(); answers.Write(new byte[] { 0x7f, 0xff, 0xff, 0xff, 0 }); answers.Flush();",
            "forger.csx");
        var margin = Some.Rule(Margin);

        var forged = await pool.EvaluateAsync(forger, Some.Globals());
        var healthy = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => pool.EvaluateAsync(margin, Some.Globals(Some.Sku(sku: $"S-{i}", price: 100m)))));

        Assert.Equal(RuleOutcome.Failed, forged.Outcome);
        Assert.Contains("answered what the host cannot read (a frame of 2147483647 bytes", pool.QuarantineReasonOf(forger.Rule), StringComparison.Ordinal);
        Assert.All(healthy, run => Assert.Equal(RuleOutcome.Fired, run.Outcome));
        Assert.Null(pool.QuarantineReasonOf(margin.Rule));
    }

    [Fact]
    public async Task ACrashInAMessageOfSeveralRulesIsPinnedOnTheRuleThatCausedIt()
    {
        await using var pool = WorkerPools.Create(o => o.WorkerCount = 1);
        var crasher = WorkerPools.Unchecked("System.Environment.Exit(42);", "crasher.csx");
        var margin = Some.Rule(Margin);
        var skus = Enumerable.Range(0, 20).Select(i => Some.Sku(sku: $"S-{i}", price: 100m)).ToArray();

        // Both rules on each SKU over one context, as a SKU's grain builds them: one round each, sharing messages.
        var rounds = await Task.WhenAll(skus.Select(sku =>
        {
            var history = Some.Globals(sku);
            return pool.EvaluateAllAsync([.. new[] { margin, crasher }.Select(rule =>
                new WorkerEvaluation(rule, new RuleGlobals(history.Sku, history.History, history.Campaigns, RuleState.New(rule.Rule.Id), history.Now), rule.Limits))]);
        }));
        var runs = rounds.SelectMany(r => r).ToArray();

        Assert.All(runs.Where(r => r.Rule == margin.Rule), run => Assert.Equal(RuleOutcome.Fired, run.Outcome));
        Assert.All(runs.Where(r => r.Rule == crasher.Rule), run => Assert.Equal(RuleOutcome.Failed, run.Outcome));
        Assert.Contains("exited with code 42", pool.QuarantineReasonOf(crasher.Rule), StringComparison.Ordinal);
        Assert.Null(pool.QuarantineReasonOf(margin.Rule));
    }

    [Fact]
    public async Task AnEvaluationThatOverrunsItsBudgetEndsItsWorkerAtOnceNotAtTheDeadlineOfItsWholeMessage()
    {
        // A 2 s margin: the retry runs on a fresh worker, whose start and first load count against the host's deadline
        // for the message (its budget plus twice the margin); with 500 ms a slow start on a busy CI machine let the host,
        // not the worker's watchdog, end the retry.
        await using var pool = WorkerPools.Create(o => o.WorkerKillMarginMilliseconds = 2_000);
        var hanging = WorkerPools.Unchecked("System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);", "hanging.csx");
        var margin = Some.Rule(Margin);

        // One round, one message: fifty evaluations with 10 s budgets, then one with 100 ms that never returns. The host's
        // deadline for the message is over 500 s; the worker's watchdog ends it 2.1 s into the hanging evaluation.
        WorkerEvaluation[] round =
        [
            .. Enumerable.Range(0, 50).Select(i => new WorkerEvaluation(margin, Some.Globals(Some.Sku(sku: $"S-{i}", price: 100m)), margin.Limits with { Timeout = TimeSpan.FromSeconds(10) })),
            new WorkerEvaluation(hanging, Some.Globals(), hanging.Limits with { Timeout = TimeSpan.FromMilliseconds(100) }),
        ];
        var runs = await pool.EvaluateAllAsync(round).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.All(runs.Take(50), run => Assert.Equal(RuleOutcome.Fired, run.Outcome));
        Assert.Equal(RuleOutcome.Failed, runs[50].Outcome);
        var reason = pool.QuarantineReasonOf(hanging.Rule);
        Assert.NotNull(reason);
        Assert.Contains($"rule hanging version {hanging.Rule.Version} on SKU {Some.Sku().Sku} {EvaluationWatchdog.Verdict}", reason, StringComparison.Ordinal);
        Assert.Null(pool.QuarantineReasonOf(margin.Rule));
    }

    [Fact]
    public async Task AWorkerStoppedAsAWholeIsKilledByTheHostAtItsMessagesDeadlineAndTheRuleQuarantinedAfterTheRetry()
    {
        // A 2 s margin: the SIGSTOP (a shell started from the rule) must land before the worker's own watchdog would end
        // the evaluation at its timeout plus the margin; with 500 ms a slow start of the shell on a busy CI machine lost
        // that race and the watchdog, not the host, ended it.
        await using var pool = WorkerPools.Create(o => o.WorkerKillMarginMilliseconds = 2_000);
        // SIGSTOP to its own process: the watchdog thread stops with the rest, so only the host can end it.
        var stopping = WorkerPools.Unchecked(
            "System.Diagnostics.Process.Start(\"/bin/sh\", new[] { \"-c\", \"kill -STOP $PPID\" })!.WaitForExit(); System.Threading.Thread.Sleep(System.Threading.Timeout.Infinite);",
            "stopping.csx");

        var run = await pool.EvaluateAsync(stopping, Some.Globals(), stopping.Limits with { Timeout = TimeSpan.FromMilliseconds(100) });

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.Contains("did not answer within 4100 ms and was killed", run.Error, StringComparison.Ordinal);
        Assert.NotNull(pool.QuarantineReasonOf(stopping.Rule));
    }

    [Fact]
    public async Task AWorkersStartIsNotCountedAgainstTheDeadlineOfItsFirstRequest()
    {
        // A worker that takes 6 s to start, against a message deadline of 3 s (a 1 s budget and twice a 1 s margin): the 3 s
        // are for what a fresh worker does with its first message (load the rule, JIT), however busy the machine.
        var muxer = Path.GetFullPath(Path.Combine(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..", "dotnet"));
        await using var pool = WorkerPools.Create(o =>
        {
            o.WorkerCount = 1;
            o.WorkerKillMarginMilliseconds = 1_000;
            o.WorkerCommand = ["/bin/sh", "-c", $"sleep 6; exec '{muxer}' '{Repository.HostDll}' {string.Join(' ', RuleWorkerLauncher.WorkerVerb)}"];
            o.WorkerReadablePaths.Add(Path.GetDirectoryName(Repository.HostDll)!);
        });
        var margin = Some.Rule(Margin);

        var run = await pool.EvaluateAsync(margin, Some.Globals(Some.Sku(price: 100m)), margin.Limits with { Timeout = TimeSpan.FromSeconds(1) });

        Assert.Equal(RuleOutcome.Fired, run.Outcome);
        Assert.Equal(1, pool.BatchesSent);
    }

    [Fact]
    public async Task AWorkerThatNeverSaysItIsReadyIsKilledAtItsStartTimeoutAndNoRuleIsBlamed()
    {
        // The shell waits for a line the host never sends before the worker says it is ready.
        await using var pool = WorkerPools.Create(o =>
        {
            o.WorkerCount = 1;
            o.WorkerStartTimeoutMilliseconds = 1_000;
            o.WorkerCommand = ["/bin/sh", "-c", "read line"];
        });
        var margin = Some.Rule(Margin);

        var run = await pool.EvaluateAsync(margin, Some.Globals());

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.Contains("the rule's worker did not start: worker ", run.Error, StringComparison.Ordinal);
        Assert.Contains(" did not start within 1000 ms and was killed", run.Error, StringComparison.Ordinal);
        Assert.Null(pool.QuarantineReasonOf(margin.Rule));
    }

    [Fact]
    public async Task AWorkerThatEndsAsItStartsFailsTheRequestWithWhatItSaidAndNoRuleIsBlamed()
    {
        await using var pool = WorkerPools.Create(o =>
        {
            o.WorkerCount = 1;
            o.WorkerCommand = ["/bin/sh", "-c", "echo no runtime here >&2; exit 3"];
        });
        var margin = Some.Rule(Margin);

        var runs = await Task.WhenAll(pool.EvaluateAsync(margin, Some.Globals()), pool.EvaluateAsync(margin, Some.Globals()));

        Assert.All(runs, run =>
        {
            Assert.Equal(RuleOutcome.Failed, run.Outcome);
            Assert.Contains("exited with code 3: no runtime here", run.Error, StringComparison.Ordinal);
        });
        Assert.Null(pool.QuarantineReasonOf(margin.Rule));
    }

    [Fact]
    public async Task AWorkersHeapIsCappedSoARuleAllocatingPastItFailsWithoutHarmingTheHost()
    {
        await using var pool = WorkerPools.Create(o => o.WorkerHeapLimitMegabytes = 128);
        var hog = WorkerPools.Unchecked("var chunks = new System.Collections.Generic.List<byte[]>(); for (var i = 0; i < 1024; i++) chunks.Add(new byte[1024 * 1024]); Log(chunks.Count.ToString());", "hog.csx");

        var run = await pool.EvaluateAsync(hog, Some.Globals(), hog.Limits with { MaxAllocatedBytes = 1L << 40, MaxSteps = 1L << 40 });

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.Contains("OutOfMemoryException", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWorkersGcGetsItsHeapLimitAndAGen0BudgetOfASixteenthOfIt()
    {
        await using var pool = WorkerPools.Create(o => o.WorkerHeapLimitMegabytes = 256);
        // What the worker's GC itself reports: without the budget it is 6 MB on a 256 MB limit here.
        var probe = WorkerPools.Unchecked(
            """
            var gc = System.GC.GetConfigurationVariables();
            Log($"limit={gc["GCHeapHardLimit"]} gen0={gc["GCGen0MaxBudget"]} server={gc["ServerGC"]}");
            """,
            "gc-probe.csx");

        var run = await pool.EvaluateAsync(probe, Some.Globals());

        Assert.Equal(RuleOutcome.NoAction, run.Outcome);
        Assert.Equal($"limit={256L * 1024 * 1024} gen0={16L * 1024 * 1024} server=False", Assert.Single(run.Messages));
    }

    // Workers start and take batches on their slots' own threads: wait for the state (up to 30 s) rather than race it.
    private static async Task<bool> UntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            if (deadline.IsCancellationRequested)
            {
                return false;
            }

            await Task.Delay(50, CancellationToken.None);
        }

        return true;
    }
}
