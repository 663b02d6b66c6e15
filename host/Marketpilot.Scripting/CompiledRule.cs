using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;
using Marketpilot.Scripting.Metadata;
using Marketpilot.Scripting.Runtime;
using Marketpilot.Scripting.Sandbox;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting;

/// <summary>One version of a rule script, compiled once and run any number of times.</summary>
/// <remarks>
/// <para>
/// Evaluation is synchronous, on the caller's thread: the budget checks compiled into the rule stop
/// it when it spends its steps, depth, stack, allocation or time (<see cref="RuleLimits"/>), so no
/// thread or timer per evaluation is needed (one background thread per process keeps the coarse clock
/// the deadline checks read). An evaluation that proposes nothing and logs nothing allocates nothing.
/// </para>
/// <para>
/// Instances are thread-safe: concurrent evaluations each use their own <see cref="RuleGlobals"/>.
/// Each rule lives in its own collectible assembly load context; <see cref="Unload"/> lets it go once
/// nothing references the rule any more.
/// </para>
/// </remarks>
public sealed class CompiledRule
{
    private readonly Func<RuleScript> _create;
    private readonly RuleRun _noAction;
    private readonly Lock _scriptsGate = new();
    private AssemblyLoadContext? _context;
    private volatile RuleMetadata _metadata;

    // Whether the metadata asks nothing of a SKU (no scope, cooldown, guard or minimum): then evaluations skip the check,
    // which cost more than the whole body of the cheapest sample rules. Written after the metadata and read before it, so
    // an evaluation that sees it set behaves as one that started before a change of metadata.
    private volatile bool _admitsEverySku;

    // A script instance holds the globals of the evaluation running on it, so each thread evaluating this rule has its own,
    // indexed by the thread's meter slot: found with one array read instead of taking and giving back a shared instance
    // (an interlocked exchange per evaluation: ~8 of the engine's ~25 ns fixed cost). The rule owns them, so they unload with it.
    private RuleScript?[] _scripts = [];

    private CompiledRule(RuleDescriptor rule, AssemblyLoadContext? context, Func<RuleScript> create, byte[] image)
    {
        Rule = rule;
        _context = context;
        _create = create;
        Image = image;
        _noAction = new RuleRun(rule, RuleOutcome.NoAction, [], [], null);
        _metadata = RuleMetadata.For(rule.Id);
        _admitsEverySku = _metadata.AdmitsEverySku;
    }

    /// <summary>The rule's id, version and path.</summary>
    public RuleDescriptor Rule { get; }

    /// <summary>The budgets <see cref="Evaluate(RuleGlobals)"/> applies: the rule's own from its metadata header, or the defaults, capped by the host's ceiling. The host may replace them.</summary>
    public RuleLimits Limits { get; set; } = RuleLimits.Default;

    /// <summary>
    /// What the rule runs with: its header, with the operator's overrides in place where the rule catalog has some
    /// (<see cref="RuleSettings"/>). <see cref="Evaluate(RuleGlobals, RuleLimits)"/> skips SKUs its scope, cooldown, guards
    /// and minimum data do not admit.
    /// </summary>
    public RuleMetadata Metadata
    {
        get => _metadata;
        internal set
        {
            _admitsEverySku = false;
            _metadata = value;
            _admitsEverySku = value.AdmitsEverySku;
        }
    }

    /// <summary>The rule's load context, until <see cref="Unload"/>.</summary>
    internal AssemblyLoadContext? LoadContext => _context;

    /// <summary>The compiled assembly, with its debug information embedded.</summary>
    internal byte[] Image { get; }

    /// <summary>Evaluates the rule once with <see cref="Limits"/>.</summary>
    /// <param name="globals">The globals of this evaluation; the rule's proposals are collected in it.</param>
    /// <returns>The run; see <see cref="Evaluate(RuleGlobals, RuleLimits)"/>.</returns>
    public RuleRun Evaluate(RuleGlobals globals) => Evaluate(globals, Limits);

    /// <summary>Evaluates the rule once, synchronously on the calling thread, with the invariant culture.</summary>
    /// <param name="globals">The globals of this evaluation; the rule's proposals are collected in it.</param>
    /// <param name="limits">The budgets of this evaluation.</param>
    /// <returns>
    /// <see cref="RuleOutcome.Fired"/> with the proposed actions, <see cref="RuleOutcome.NoAction"/>,
    /// <see cref="RuleOutcome.Failed"/> with the exception's type, message and script line, or
    /// <see cref="RuleOutcome.TimedOut"/> with the budget that stopped it. A fault in the script never throws.
    /// </returns>
    public RuleRun Evaluate(RuleGlobals globals, RuleLimits limits)
    {
        using var scope = RuleEvaluationScope.Enter();
        return Evaluate(globals, limits, scope);
    }

    /// <summary>
    /// Evaluates the rule once, synchronously on the calling thread, as one of a run of evaluations that share the
    /// thread's meter and culture (<see cref="RuleEvaluationScope"/>).
    /// </summary>
    /// <param name="globals">The globals of this evaluation; the rule's proposals are collected in it.</param>
    /// <param name="limits">The budgets of this evaluation.</param>
    /// <param name="scope">The run this evaluation is part of, entered on this thread.</param>
    /// <returns>The run; see <see cref="Evaluate(RuleGlobals, RuleLimits)"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="scope"/> was never entered (<see cref="RuleEvaluationScope.Enter"/>).</exception>
    public RuleRun Evaluate(RuleGlobals globals, RuleLimits limits, in RuleEvaluationScope scope)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentNullException.ThrowIfNull(limits);
        var meter = scope.Meter ?? throw new ArgumentException("the scope was never entered: use RuleEvaluationScope.Enter()", nameof(scope));

        if (!Admits(globals))
        {
            return _noAction;
        }

        if (meter.IsActive)
        {
            // Started from inside an evaluation running on this meter: the nested one gets a meter of its own.
            using var nested = RuleEvaluationScope.Enter();
            return Evaluate(globals, limits, nested);
        }

        var script = ScriptFor(meter);
        string? failure = null;
        meter.Arm(limits);
        try
        {
            script.Run(globals);
        }
        catch (Exception exception) when (meter.StopReason is null)
        {
            failure = DescribeArmed(exception, meter);
        }
        catch (Exception)
        {
            // A budget stop: the meter has its reason.
        }
        finally
        {
            meter.Disarm();
        }

        if (meter.StopReason is { } reason)
        {
            return new RuleRun(Rule, RuleOutcome.TimedOut, [], [.. globals.Messages], reason);
        }

        if (failure is not null)
        {
            return new RuleRun(Rule, RuleOutcome.Failed, [], [.. globals.Messages], failure);
        }

        if (globals.Actions.Count > 0)
        {
            return new RuleRun(Rule, RuleOutcome.Fired, [.. globals.Actions], [.. globals.Messages], null);
        }

        return globals.Messages.Count == 0 ? _noAction : new RuleRun(Rule, RuleOutcome.NoAction, [], [.. globals.Messages], null);
    }

    /// <summary>Evaluates the rule once with <see cref="Limits"/>, but at most <paramref name="timeout"/> of wall-clock time.</summary>
    /// <param name="globals">A fresh globals object for this evaluation; the rule's proposals are collected in it.</param>
    /// <param name="timeout">The wall-clock budget; positive.</param>
    /// <param name="cancellationToken">Checked before the evaluation starts; then the method throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>The run, as <see cref="Evaluate(RuleGlobals, RuleLimits)"/> returns it; the evaluation runs synchronously.</returns>
    public Task<RuleRun> RunAsync(RuleGlobals globals, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        return Task.FromResult(Evaluate(globals, Limits with { Timeout = timeout }));
    }

    /// <summary>
    /// Releases the rule's assembly load context: the rule's code is unloaded once nothing references
    /// this instance any more. Evaluations already running finish normally.
    /// </summary>
    public void Unload() => Interlocked.Exchange(ref _context, null)?.Unload();

    internal static CompiledRule Load(RuleDescriptor rule, byte[] image)
    {
        var context = new AssemblyLoadContext($"rule {rule.Id} {rule.Version}", isCollectible: true);
        var assembly = context.LoadFromStream(new MemoryStream(image, writable: false));
        var type = assembly.GetType(RuleSourceBuilder.ClassName, throwOnError: true)!;
        var constructor = type.GetConstructor(BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)!;
        return new CompiledRule(rule, context, () => (RuleScript)constructor.Invoke(null), image);
    }

    /// <summary>A rule whose image is kept but not loaded in this process: it runs in workers (<see cref="Workers.RuleWorkerPool"/>).</summary>
    internal static CompiledRule Detached(RuleDescriptor rule, byte[] image) =>
        new(rule, context: null, () => throw new InvalidOperationException($"rule {rule.Id} version {rule.Version} runs in rule workers, not in this process"), image);

    /// <summary>Whether the rule's scope, cooldown, guards and minimum data admit this evaluation; one that is not admitted ends <see cref="RuleOutcome.NoAction"/> without running.</summary>
    internal bool Admits(RuleGlobals globals) => _admitsEverySku || _metadata.Admits(globals);

    private RuleScript ScriptFor(BudgetMeter meter)
    {
        var slot = meter.ThreadSlot;
        var scripts = _scripts;
        return (uint)slot < (uint)scripts.Length && scripts[slot] is { } script ? script : AddScript(slot);
    }

    private RuleScript AddScript(int slot)
    {
        if (slot < 0)
        {
            // A meter of an evaluation nested in another on the same thread: its thread's instance is in use.
            return _create();
        }

        lock (_scriptsGate)
        {
            var scripts = _scripts;
            if (slot >= scripts.Length)
            {
                Array.Resize(ref scripts, Math.Max(slot + 1, scripts.Length * 2));
            }

            var script = scripts[slot] ??= _create();
            Volatile.Write(ref _scripts, scripts);
            return script;
        }
    }

    // Described while the budget is still armed: a rule's own exception type may override Message, which is rule code
    // (a loop, a recursion, a huge string) and must run within the budget like the rest of it, never after it. The text
    // goes to the host like a logged message, so it counts against the same allowance.
    private static string? DescribeArmed(Exception exception, BudgetMeter meter)
    {
        try
        {
            var description = Describe(exception);
            meter.Hand(description, logged: false);
            return description;
        }
        catch (Exception) when (meter.StopReason is not null)
        {
            return null;
        }
        catch (Exception inner)
        {
            return $"{exception.GetType().Name} (its message failed with {inner.GetType().Name})";
        }
    }

    private static string Describe(Exception exception)
    {
        // The innermost frame in the rule's own lines or in a file it loads (whose #line name is its path in the scripts folder).
        var frame = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => f.GetFileLineNumber() > 0 && f.GetFileName() is { } file
                && (file == RuleSourceBuilder.ScriptFileName || file.EndsWith(RuleCompiler.Extension, StringComparison.OrdinalIgnoreCase)));
        var where = frame is null
            ? string.Empty
            : frame.GetFileName() == RuleSourceBuilder.ScriptFileName
            ? string.Create(CultureInfo.InvariantCulture, $" (line {frame.GetFileLineNumber()})")
            : string.Create(CultureInfo.InvariantCulture, $" ({frame.GetFileName()} line {frame.GetFileLineNumber()})");
        return $"{exception.GetType().Name}: {exception.Message}{where}";
    }
}
