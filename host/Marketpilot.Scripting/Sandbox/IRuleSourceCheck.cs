using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// One check of a parsed rule script that runs before compilation. Any error it reports stops the
/// rule from being compiled. The sandbox's syntax bans and symbol allowlist plug in here.
/// </summary>
internal interface IRuleSourceCheck
{
    /// <summary>Reports what the script may not do.</summary>
    /// <param name="root">The parsed script.</param>
    /// <param name="path">The script path as given, for the diagnostics.</param>
    /// <returns>Diagnostics; empty when the script passes.</returns>
    IEnumerable<RuleDiagnostic> Check(CompilationUnitSyntax root, string path);
}
