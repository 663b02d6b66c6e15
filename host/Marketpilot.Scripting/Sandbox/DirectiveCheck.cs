using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Refuses <c>#r</c>: with it a script could load any assembly at compile time, before any other check
/// has seen the code. <c>#load</c> is resolved, inside the scripts folder only, by <see cref="ScriptLoads"/>.
/// </summary>
internal sealed class DirectiveCheck : IRuleSourceCheck
{
    public IEnumerable<RuleDiagnostic> Check(CompilationUnitSyntax root, string path) =>
        root.GetReferenceDirectives().Select(directive => SandboxDiagnostics.Error(
            path,
            directive.GetLocation(),
            SandboxDiagnostics.NotAvailable,
            "'#r' is not available to rules; rules can use only the Marketpilot SDK and the default imports"));
}
