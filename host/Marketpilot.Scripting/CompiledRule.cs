using System.Diagnostics;
using System.Globalization;
using Marketpilot.Sdk.Rules;
using Microsoft.CodeAnalysis.Scripting;

namespace Marketpilot.Scripting;

/// <summary>One version of a rule script, compiled once and run any number of times.</summary>
/// <remarks>Instances are thread-safe: concurrent runs each get their own <see cref="RuleGlobals"/>.</remarks>
public sealed class CompiledRule
{
    private readonly ScriptRunner<object> _runner;

    internal CompiledRule(RuleDescriptor rule, ScriptRunner<object> runner)
    {
        Rule = rule;
        _runner = runner;
    }

    /// <summary>The rule's id, version and path.</summary>
    public RuleDescriptor Rule { get; }

    /// <summary>Evaluates the rule once, on a thread-pool thread, with the invariant culture.</summary>
    /// <param name="globals">A fresh globals object for this evaluation; the rule's proposals are collected in it.</param>
    /// <param name="timeout">How long to wait for the rule; positive.</param>
    /// <param name="cancellationToken">Cancels the wait (not the rule), and then the method throws <see cref="OperationCanceledException"/>.</param>
    /// <returns>
    /// <see cref="RuleOutcome.Fired"/> with the proposed actions, <see cref="RuleOutcome.NoAction"/>,
    /// <see cref="RuleOutcome.Failed"/> with the exception's type, message and script line, or
    /// <see cref="RuleOutcome.TimedOut"/>. A fault in the script never throws.
    /// </returns>
    public async Task<RuleRun> RunAsync(RuleGlobals globals, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(globals);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        cancellationToken.ThrowIfCancellationRequested();

        // Nothing can stop a running script: on timeout we stop waiting, but a runaway script keeps
        // its thread until it returns. Budgets injected into the script come with the sandbox.
        var evaluation = Task.Run(() => EvaluateAsync(globals), CancellationToken.None);
        using (var delay = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            var finished = await Task.WhenAny(evaluation, Task.Delay(timeout, delay.Token)).ConfigureAwait(false);
            delay.Cancel();
            if (finished != evaluation)
            {
                _ = evaluation.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                cancellationToken.ThrowIfCancellationRequested();
                return new RuleRun(Rule, RuleOutcome.TimedOut, [], [], $"stopped after {timeout.TotalMilliseconds:0} ms");
            }
        }

        try
        {
            await evaluation.ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            return new RuleRun(Rule, RuleOutcome.Failed, [], [.. globals.Messages], Describe(exception));
        }

        return globals.Actions.Count > 0
            ? new RuleRun(Rule, RuleOutcome.Fired, [.. globals.Actions], [.. globals.Messages], null)
            : new RuleRun(Rule, RuleOutcome.NoAction, [], [.. globals.Messages], null);
    }

    private async Task EvaluateAsync(RuleGlobals globals)
    {
        // Rules format numbers and dates in their reasons; the same script must say the same thing on every machine.
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        await _runner(globals).ConfigureAwait(false);
    }

    private string Describe(Exception exception)
    {
        var line = new StackTrace(exception, fNeedFileInfo: true).GetFrames()
            .Where(frame => string.Equals(frame.GetFileName(), Rule.Path, StringComparison.Ordinal))
            .Select(frame => frame.GetFileLineNumber())
            .FirstOrDefault(number => number > 0);
        var where = line > 0 ? string.Create(CultureInfo.InvariantCulture, $" (line {line})") : string.Empty;
        return $"{exception.GetType().Name}: {exception.Message}{where}";
    }
}
