using BenchmarkDotNet.Attributes;
using MessagePack;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Benchmarks;

/// <summary>
/// What one message of a sweep costs to encode and decode on the rule workers' wire: 256 evaluations, eleven rules on
/// each of 24 SKUs of the synthetic shop (as <see cref="RuleWorkerPool"/> builds it), and the 256 outputs coming back,
/// a few of them with an action.
/// </summary>
[MemoryDiagnoser]
public class WireBenchmarks
{
    private const int Evaluations = 256;
    private const int RulesPerSku = 11;

    private WorkerEvaluationBatch _batch = null!;
    private WorkerEvaluationOutput[] _outputs = null!;
    private byte[] _batchBytes = null!;
    private byte[] _outputBytes = null!;

    [GlobalSetup]
    public void Setup()
    {
        var rules = Enumerable.Range(0, RulesPerSku)
            .Select(r => new WorkerRuleEntry(new RuleDescriptor("rule-" + r, new string('a', 64), "scripts/rule-" + r + ".csx"), null, RuleLimits.Default))
            .ToArray();
        var skus = SyntheticShop.Skus.Take((Evaluations + RulesPerSku - 1) / RulesPerSku).ToArray();
        var contexts = skus.Select(s => WorkerSkuContext.From(RuleBenchmarks.NewGlobals(s))).ToArray();
        var items = Enumerable.Range(0, Evaluations)
            .Select(i => new WorkerEvaluationItem(i % RulesPerSku, i / RulesPerSku, skus[i / RulesPerSku].State with { RuleId = rules[i % RulesPerSku].Rule.Id }))
            .ToArray();
        _batch = new WorkerEvaluationBatch(rules, contexts, items, TimeSpan.FromMilliseconds(1500));
        // About one evaluation in twenty proposes something in the synthetic shop.
        _outputs = [.. Enumerable.Range(0, Evaluations).Select(i => i % 20 == 0
            ? new WorkerEvaluationOutput(RuleOutcome.Fired, [new SetPrice(1234.5m) { Reason = "margin under 12%" }], [], null)
            : new WorkerEvaluationOutput(RuleOutcome.NoAction, [], [], null))];
        _batchBytes = MessagePackSerializer.Serialize(_batch, WorkerWire.Options);
        _outputBytes = MessagePackSerializer.Serialize<IReadOnlyList<WorkerEvaluationOutput>>(_outputs, WorkerWire.Options);
        Console.WriteLine($"// message: {_batchBytes.Length:N0} B, outputs: {_outputBytes.Length:N0} B");
    }

    [Benchmark]
    public byte[] EncodeMessage() => MessagePackSerializer.Serialize(_batch, WorkerWire.Options);

    [Benchmark]
    public int DecodeMessage() => MessagePackSerializer.Deserialize<WorkerEvaluationBatch>(_batchBytes, WorkerWire.Options).Items.Count;

    [Benchmark]
    public byte[] EncodeOutputs() => MessagePackSerializer.Serialize<IReadOnlyList<WorkerEvaluationOutput>>(_outputs, WorkerWire.Options);

    [Benchmark]
    public int DecodeOutputs() => MessagePackSerializer.Deserialize<IReadOnlyList<WorkerEvaluationOutput>>(_outputBytes, WorkerWire.Options).Count;
}
