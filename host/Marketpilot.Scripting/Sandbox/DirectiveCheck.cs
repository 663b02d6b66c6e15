using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Refuses every preprocessor directive but <c>#load</c> (resolved inside the scripts folder by
/// <see cref="ScriptLoads"/>) and <c>#region</c>/<c>#endregion</c>.
/// </summary>
/// <remarks>
/// The rule is checked and compiled as the class <see cref="RuleSourceBuilder"/> builds from it, so
/// nothing may change meaning between the two: <c>#define</c> and <c>#if</c> would select other code in
/// the class than in the script, <c>#line</c> would hide code from the checks and move diagnostics,
/// <c>#pragma</c> would silence warnings the checks rely on, and <c>#r</c> would load any assembly at
/// compile time, before any other check has seen the code.
/// </remarks>
internal sealed class DirectiveCheck : IRuleSourceCheck
{
    public IEnumerable<RuleDiagnostic> Check(CompilationUnitSyntax root, string path)
    {
        foreach (var trivia in root.DescendantTrivia(descendIntoTrivia: true))
        {
            if (Refusal(trivia) is { } message)
            {
                yield return SandboxDiagnostics.Error(path, trivia.GetLocation(), message.Code, message.Text);
            }
        }
    }

    private static (string Code, string Text)? Refusal(SyntaxTrivia trivia)
    {
        if (trivia.IsKind(SyntaxKind.DisabledTextTrivia))
        {
            return (SandboxDiagnostics.FeatureNotAvailable, "code switched off by '#if' is not available in rules");
        }

        if (!trivia.IsDirective || trivia.Kind() is SyntaxKind.LoadDirectiveTrivia or SyntaxKind.RegionDirectiveTrivia or SyntaxKind.EndRegionDirectiveTrivia)
        {
            return null;
        }

        if (trivia.IsKind(SyntaxKind.ReferenceDirectiveTrivia))
        {
            return (SandboxDiagnostics.NotAvailable, "'#r' is not available to rules; rules can use only the Marketpilot SDK and the default imports");
        }

        var directive = (DirectiveTriviaSyntax)trivia.GetStructure()!;
        var name = "#" + directive.DirectiveNameToken.ValueText;
        if (name == "#")
        {
            name = trivia.ToString().Split([' ', '\t', '\r', '\n'], 2)[0];
        }

        return (SandboxDiagnostics.FeatureNotAvailable, $"'{name}' is not available to rules: a rule is compiled exactly as written, so only '#load', '#region' and '#endregion' are allowed");
    }
}
