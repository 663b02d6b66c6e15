using Marketpilot.Scripting;
using Marketpilot.Sdk.Rules;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>Real compiled scripts, run in the sandbox on data change: what the host runs, without the rules folder.</summary>
internal sealed class ScriptRuleRunner : IRuleRunner
{
    private readonly Dictionary<RuleDescriptor, CompiledRule> _compiled = [];

    /// <summary>Compiles the scripts; those the sandbox refuses are left out, as the host leaves them out.</summary>
    public ScriptRuleRunner(IReadOnlyDictionary<string, string> scripts)
    {
        var compiler = new RuleCompiler();
        foreach (var (id, source) in scripts)
        {
            if (compiler.Compile($"scripts/{id}.csx", source).Compiled is { } compiled)
            {
                _compiled[compiled.Rule] = compiled;
            }
        }

        Rules = [.. _compiled.Keys.OrderBy(r => r.Id, StringComparer.Ordinal)];
    }

    public IReadOnlyList<RuleDescriptor> Rules { get; }

    public Task<RuleRun> RunAsync(RuleDescriptor rule, RuleGlobals globals, CancellationToken cancellationToken) =>
        _compiled[rule].RunAsync(globals, TimeSpan.FromSeconds(10), cancellationToken);

    public IReadOnlyList<RuleStatus> Describe() => [];
}
