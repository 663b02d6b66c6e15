using System.ComponentModel.DataAnnotations;
using Marketpilot.Scripting.Workers;

namespace Marketpilot.Scripting;

/// <summary>Where rule scripts are loaded from and how long one evaluation may run.</summary>
/// <remarks>Bound to the <c>Marketpilot:Scripting</c> configuration section and validated when the host starts.</remarks>
public sealed class ScriptingOptions
{
    /// <summary>The configuration section the options are bound to.</summary>
    public const string SectionName = "Marketpilot:Scripting";

    /// <summary>The folder whose <c>*.csx</c> files are loaded as rules (not its subfolders); a relative path is resolved against the current directory.</summary>
    /// <value>The default is <c>scripts</c>.</value>
    [Required]
    public string ScriptsPath { get; set; } = "scripts";

    /// <summary>Wall-clock time one evaluation of a rule on one SKU may take before it is stopped and reported as timed out, in milliseconds; a backstop behind <see cref="MaxSteps"/>.</summary>
    /// <value>The default is 1000 ms.</value>
    [Range(1, 60_000)]
    public int TimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Steps (loop iterations, <c>goto</c>s, lambda and local function calls) one evaluation may make before it is stopped.</summary>
    /// <value>The default is 1,000,000.</value>
    [Range(1_000, 1_000_000_000)]
    public long MaxSteps { get; set; } = RuleLimits.Default.MaxSteps;

    /// <summary>How deeply lambdas and local functions may nest or recurse in one evaluation before it is stopped.</summary>
    /// <value>The default is 100.</value>
    [Range(4, 2_000)]
    public int MaxDepth { get; set; } = RuleLimits.Default.MaxDepth;

    /// <summary>Bytes one evaluation may allocate before it is stopped.</summary>
    /// <value>The default is 16 MiB.</value>
    [Range(64 * 1024, 1L << 31)]
    public long MaxAllocatedBytes { get; set; } = RuleLimits.Default.MaxAllocatedBytes;

    /// <summary>How many times the defaults above a rule may raise its own budgets in its metadata header.</summary>
    /// <value>The default is 10.</value>
    [Range(1, 100)]
    public int BudgetCeilingFactor { get; set; } = 10;

    /// <summary>Consecutive failed or stopped evaluations (on any SKUs) after which a rule version is quarantined: it stops running until its file changes.</summary>
    /// <value>The default is 10.</value>
    [Range(1, 1_000_000)]
    public int QuarantineAfterFailures { get; set; } = 10;

    /// <summary>A folder where compiled rules are cached by content hash, so a restart evaluates without recompiling; <see langword="null"/> keeps the cache in memory only.</summary>
    /// <value>The default is <see langword="null"/>; the host sets <c>&lt;data&gt;/rule-cache</c>.</value>
    public string? CachePath { get; set; }

    /// <summary>Whether the host compiles a throwaway rule in the background at start, so the first real compilation is fast.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WarmUp { get; set; } = true;

    /// <summary>Where rules are compiled and evaluated: in worker processes confined by bubblewrap, in plain worker processes, or in the host.</summary>
    /// <value>The default is <see cref="RuleIsolation.Auto"/>: bubblewrap workers where <c>bwrap</c> is installed, plain workers (with a warning) elsewhere.</value>
    [EnumDataType(typeof(RuleIsolation))]
    public RuleIsolation Isolation { get; set; } = RuleIsolation.Auto;

    /// <summary>How many rule worker processes the host keeps; each compiles and evaluates one batch at a time.</summary>
    /// <value>The default is the number of processor cores.</value>
    [Range(1, 256)]
    public int WorkerCount { get; set; } = Environment.ProcessorCount;

    /// <summary>The GC heap hard limit of each worker process, in MiB: a rule that allocates past it ends the worker, not the host.</summary>
    /// <value>The default is 512 MiB.</value>
    [Range(64, 65_536)]
    public int WorkerHeapLimitMegabytes { get; set; } = 512;

    /// <summary>
    /// About how many evaluations the host sends to a worker in one message (a round of rules on one SKU is never split, so
    /// a message may hold a few more). A worker takes whatever is queued up to this when it is free: larger messages cost
    /// less per evaluation under load and add nothing when the host is idle.
    /// </summary>
    /// <value>The default is 256 (measured in docs/performance.md: a 100,000-SKU sweep took 5.8 s at 64, 3.4 s at 256 and at 1,024).</value>
    [Range(1, 10_000)]
    public int WorkerBatchSize { get; set; } = 256;

    /// <summary>Wall-clock time a worker may take to compile one script before it is killed, in milliseconds.</summary>
    /// <value>The default is 30,000 ms.</value>
    [Range(1_000, 600_000)]
    public int CompileTimeoutMilliseconds { get; set; } = 30_000;

    /// <summary>
    /// Wall-clock time a new worker may take to start (the runtime, bubblewrap) and say it is ready, in milliseconds,
    /// before it is killed. A start is not counted against the deadline of the request it was started for.
    /// </summary>
    /// <value>The default is 30,000 ms.</value>
    [Range(1_000, 600_000)]
    public int WorkerStartTimeoutMilliseconds { get; set; } = 30_000;

    /// <summary>
    /// Time one evaluation may run past its budget in a worker before the worker ends itself, in milliseconds (the
    /// budget's own checks stop rule code; this stops a call that never returns to them). The host kills a worker
    /// that has not answered a message within the message's budgets added up plus twice this margin.
    /// </summary>
    /// <value>The default is 5,000 ms.</value>
    [Range(100, 600_000)]
    public int WorkerKillMarginMilliseconds { get; set; } = 5_000;

    /// <summary>Further folders a confined worker may read besides the application, the .NET runtime, <see cref="ScriptsPath"/> and <see cref="CachePath"/>; the CLI adds the folders of the scripts it is given.</summary>
    /// <value>The default is none.</value>
    public IList<string> WorkerReadablePaths { get; } = [];

    /// <summary>Folders a confined worker must not see even when they lie inside one it may read; the host adds its data and plugins folders.</summary>
    /// <value>The default is none.</value>
    public IList<string> WorkerConcealedPaths { get; } = [];

    /// <summary>Whether workers compile without the sandbox's checks. Tests of the walls behind the checks only; configuration cannot reach it.</summary>
    internal bool WorkersSkipSandboxChecks { get; set; }

    /// <summary>The command that starts a worker; <see langword="null"/> starts this process's own executable with <c>rules worker</c>. Tests only.</summary>
    internal IReadOnlyList<string>? WorkerCommand { get; set; }

    /// <summary>The default budgets of one evaluation.</summary>
    public RuleLimits Limits => new(MaxSteps, MaxDepth, MaxAllocatedBytes, Timeout);

    /// <summary>The highest budgets a rule may ask for in its metadata header: <see cref="BudgetCeilingFactor"/> times <see cref="Limits"/>.</summary>
    public RuleLimits LimitsCeiling => new(
        MaxSteps * BudgetCeilingFactor,
        MaxDepth * BudgetCeilingFactor,
        MaxAllocatedBytes * BudgetCeilingFactor,
        Timeout * BudgetCeilingFactor);

    /// <summary>Whether the catalog watches <see cref="ScriptsPath"/> and recompiles a rule when its file changes.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>The evaluation timeout as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMilliseconds);

    /// <summary>Resolves <see cref="ScriptsPath"/> against the current directory.</summary>
    /// <returns>The full path of the scripts folder.</returns>
    public string GetFullScriptsPath() => Path.GetFullPath(ScriptsPath);
}
