using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Scripting;

/// <summary>The result of compiling one rule script: its identity, what the compiler said, and the runnable rule when there were no errors.</summary>
/// <param name="Rule">The rule's id, version (content hash) and path.</param>
/// <param name="Diagnostics">Errors and warnings in source order, with the script's own lines and columns.</param>
/// <param name="Compiled">The runnable rule; <see langword="null"/> when <paramref name="Diagnostics"/> has an error.</param>
public sealed record RuleCompilation(RuleDescriptor Rule, IReadOnlyList<RuleDiagnostic> Diagnostics, CompiledRule? Compiled)
{
    /// <summary>Whether the script compiled and can run.</summary>
    public bool Succeeded => Compiled is not null;

    /// <summary>What the rule declares about itself in its metadata header; the defaults when it declares nothing.</summary>
    public RuleMetadata Metadata { get; init; } = RuleMetadata.For(Rule.Id);

    /// <summary>Whether the rule was loaded from the compile cache (in memory or on disk) instead of being compiled again.</summary>
    public bool FromCache { get; init; }

    /// <summary>The key of the compiled image in the compile cache; <see langword="null"/> when it was not cached.</summary>
    internal string? CacheKey { get; init; }

    /// <summary>Whether any diagnostic is an error.</summary>
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}
