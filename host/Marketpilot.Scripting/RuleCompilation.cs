namespace Marketpilot.Scripting;

/// <summary>The result of compiling one rule script: its identity, what the compiler said, and the runnable rule when there were no errors.</summary>
/// <param name="Rule">The rule's id, version (content hash) and path.</param>
/// <param name="Diagnostics">Errors and warnings in source order, with the script's own lines and columns.</param>
/// <param name="Compiled">The runnable rule; <see langword="null"/> when <paramref name="Diagnostics"/> has an error.</param>
public sealed record RuleCompilation(RuleDescriptor Rule, IReadOnlyList<RuleDiagnostic> Diagnostics, CompiledRule? Compiled)
{
    /// <summary>Whether the script compiled and can run.</summary>
    public bool Succeeded => Compiled is not null;

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
