using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

// What the queue holds: a compilation, or one evaluation of a round (a SKU's rules, completed together).
public sealed partial class RuleWorkerPool
{
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
}
