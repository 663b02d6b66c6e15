using System.Collections.Concurrent;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Scripting.Workers;

/// <summary>
/// The worker side of <see cref="RuleWorkerPool"/>: answers compile and evaluation requests, framed by
/// <see cref="WorkerConnection"/>, on a pair of streams (the worker process's standard input and output) until the host closes them.
/// </summary>
/// <remarks>
/// The <c>marketpilot rules worker</c> verb runs it; the host starts that verb, never a person. Nothing else
/// may write to the output stream, so the caller points <see cref="Console.Out"/> elsewhere first.
/// </remarks>
public static class RuleWorkerServer
{
    /// <summary>Serves requests until <paramref name="input"/> ends or <paramref name="cancellationToken"/> is cancelled.</summary>
    /// <param name="input">Where requests arrive (standard input).</param>
    /// <param name="output">Where answers go (standard output).</param>
    /// <param name="cancellationToken">Stops waiting for the serving thread.</param>
    /// <returns>A task that completes when the host disconnects.</returns>
    public static Task RunAsync(Stream input, Stream output, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(output);

        // A thread of its own, blocked in a read between messages: the kernel wakes it when the next one arrives.
        var serving = Task.Factory.StartNew(() => Serve(new WorkerConnection(output, input)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return serving.WaitAsync(cancellationToken);
    }

    private static void Serve(WorkerConnection connection)
    {
        var endpoint = new Endpoint();
        // The host times a request from here, not from the process's start (the runtime's and bubblewrap's).
        if (!TrySend(connection, WorkerFrame.Ready, Environment.ProcessId))
        {
            return;
        }

        while (ReceiveOrEnd(connection) is { } request)
        {
            try
            {
                switch (request.Tag)
                {
                    case WorkerFrame.Compile:
                        connection.Send(WorkerFrame.Result, endpoint.Compile(WorkerConnection.Read<WorkerCompileRequest>(request.Body)));
                        break;
                    case WorkerFrame.Evaluate:
                        connection.Send(WorkerFrame.Result, endpoint.Evaluate(WorkerConnection.Read<WorkerEvaluationBatch>(request.Body)));
                        break;
                    default:
                        connection.Send(WorkerFrame.Refused, $"unknown request {request.Tag}");
                        break;
                }
            }
            catch (IOException)
            {
                // The host went away while this worker answered: nobody is left to answer.
                return;
            }
            catch (Exception exception)
            {
                // What the host quotes when it fails the message's evaluations; the worker itself is fine.
                if (!TrySend(connection, WorkerFrame.Refused, $"{exception.GetType().Name}: {exception.Message}"))
                {
                    return;
                }
            }
        }
    }

    private static bool TrySend<T>(WorkerConnection connection, WorkerFrame tag, T body)
    {
        try
        {
            connection.Send(tag, body);
            return true;
        }
        catch (IOException)
        {
            return false;
        }
    }

    // The host closed the connection, or broke it: either way there is nobody left to answer.
    private static (WorkerFrame Tag, ReadOnlyMemory<byte> Body)? ReceiveOrEnd(WorkerConnection connection)
    {
        try
        {
            return connection.Receive();
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            return null;
        }
    }

    private sealed class Endpoint
    {
        private readonly ConcurrentDictionary<string, RuleCompiler> _compilers = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<(string Id, string Version), CompiledRule> _rules = new();
        private readonly Lazy<EvaluationWatchdog> _watchdog = new(() => new EvaluationWatchdog());

        public WorkerCompileResponse Compile(WorkerCompileRequest request)
        {
            var compiler = _compilers.GetOrAdd(request.CachePath ?? string.Empty, static path =>
                path.Length == 0 ? new RuleCompiler() : new RuleCompiler(Microsoft.Extensions.Options.Options.Create(new ScriptingOptions { CachePath = path })));
            var compilation = request.SkipSandboxChecks
                ? RuleCompiler.CompileUnchecked(request.Path, RuleCompiler.Decode(request.Content))
                : compiler.CompileContent(request.Path, request.Content);
            var image = compilation.Compiled?.Image;
            // The worker keeps the rule it just compiled: the host's next evaluation of it needs no image. Without its header:
            // the host admits SKUs by the rule's effective metadata (operators' settings included) before it sends them.
            if (compilation.Compiled is { } compiled)
            {
                compiled.Metadata = Metadata.RuleMetadata.For(compiled.Rule.Id);
                _rules[(compiled.Rule.Id, compiled.Rule.Version)] = compiled;
            }

            return new WorkerCompileResponse(compilation.Rule, compilation.Diagnostics, image, compilation.FromCache, compilation.CacheKey);
        }

        public WorkerEvaluationOutput[] Evaluate(WorkerEvaluationBatch batch)
        {
            var rules = new CompiledRule[batch.Rules.Count];
            for (var r = 0; r < rules.Length; r++)
            {
                var entry = batch.Rules[r];
                var key = (entry.Rule.Id, entry.Rule.Version);
                if (!_rules.TryGetValue(key, out var rule))
                {
                    if (entry.Image is null)
                    {
                        throw new InvalidOperationException($"rule {entry.Rule.Id} version {entry.Rule.Version} is not loaded in this worker");
                    }

                    rule = _rules.GetOrAdd(key, _ => CompiledRule.Load(entry.Rule, entry.Image));
                }

                rules[r] = rule;
            }

            // Scope, cooldown and guards were applied by the host; the worker runs what it is sent.
            var histories = new DailyMetrics[]?[batch.Contexts.Count];
            var outputs = new WorkerEvaluationOutput[batch.Items.Count];
            var watchdog = _watchdog.Value;
            using var scope = RuleEvaluationScope.Enter();
            for (var i = 0; i < outputs.Length; i++)
            {
                var item = batch.Items[i];
                var context = batch.Contexts[item.Context];
                var history = histories[item.Context] ??= context.HistoryMetrics();
                var globals = new RuleGlobals(context.Sku, history, context.Campaigns, item.State, context.Now, context.Event);
                var limits = batch.Rules[item.Rule].Limits;
                watchdog.Enter(limits.Timeout + batch.KillMargin, rules[item.Rule].Rule, context.Sku.Sku);
                try
                {
                    outputs[i] = WorkerEvaluationOutput.From(rules[item.Rule].Evaluate(globals, limits, scope));
                }
                finally
                {
                    // A message that fails here goes back to the host as an error; an idle worker has no deadline.
                    watchdog.Exit();
                }
            }

            return outputs;
        }
    }
}
