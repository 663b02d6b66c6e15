namespace Marketpilot.Scripting.Workers;

/// <summary>What a worker's compilation produced: the diagnostics and, when it compiled, the image every worker loads.</summary>
/// <param name="Rule">The rule's id, version and path.</param>
/// <param name="Diagnostics">Errors and warnings.</param>
/// <param name="Image">The compiled assembly; <see langword="null"/> when there are errors.</param>
/// <param name="FromCache">Whether the image came from the compile cache.</param>
/// <param name="CacheKey">The key the host stores the image under in its disk cache; <see langword="null"/> when it is not cached.</param>
internal sealed record WorkerCompileResponse(
    RuleDescriptor Rule,
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    byte[]? Image,
    bool FromCache,
    string? CacheKey);
