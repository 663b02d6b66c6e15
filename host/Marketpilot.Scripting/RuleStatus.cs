namespace Marketpilot.Scripting;

/// <summary>What the host knows about one rule file: whether it compiled, and how its runs went in this process.</summary>
/// <param name="Rule">The rule's id, version and path.</param>
/// <param name="Compiled"><see langword="false"/> when the script has errors and is not run.</param>
/// <param name="Diagnostics">Compiler errors and warnings.</param>
/// <param name="Runs">Evaluations since the process started.</param>
/// <param name="Failures">Evaluations that failed or timed out since the process started.</param>
/// <param name="LastRunAt">When it last ran.</param>
/// <param name="LastError">The last failure's reason.</param>
public sealed record RuleStatus(
    RuleDescriptor Rule,
    bool Compiled,
    IReadOnlyList<RuleDiagnostic> Diagnostics,
    long Runs,
    long Failures,
    DateTimeOffset? LastRunAt,
    string? LastError);
