using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Refuses <c>#r</c>: with it a script could load any assembly at compile time, before any other check
/// has seen the code. <c>#load</c> is resolved, inside the scripts folder only, by <see cref="ScriptLoads"/>.
/// </summary>
internal sealed class DirectiveCheck : IRuleSourceCheck
{
    public const string Code = "MP1001";

    public IEnumerable<RuleDiagnostic> Check(CompilationUnitSyntax root, string path)
    {
        foreach (var directive in root.GetReferenceDirectives())
        {
            yield return Refuse(directive, "#r", path);
        }
    }

    private static RuleDiagnostic Refuse(SyntaxNode directive, string name, string path)
    {
        var start = directive.GetLocation().GetLineSpan().StartLinePosition;
        return new RuleDiagnostic(
            path,
            start.Line + 1,
            start.Character + 1,
            "error",
            Code,
            $"'{name}' is not available to rules; rules can use only the Marketpilot SDK and the default imports");
    }
}
