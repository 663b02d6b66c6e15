using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Refuses the language features rules may not use, before anything is bound: <c>unsafe</c> code and
/// pointers, <c>stackalloc</c>, <c>extern</c>, <c>async</c>/<c>await</c>, <c>lock</c>, attributes,
/// static fields other than read-only tables, structs, interfaces and delegates, and undocumented keywords.
/// </summary>
internal sealed class SyntaxCheck : IRuleSourceCheck
{
    public IEnumerable<RuleDiagnostic> Check(CompilationUnitSyntax root, string path)
    {
        foreach (var alias in root.Externs)
        {
            yield return Refuse(path, alias.GetLocation(), "'extern alias' is not available to rules");
        }

        foreach (var member in root.Members)
        {
            if (member is BaseTypeDeclarationSyntax type)
            {
                foreach (var (node, refusal) in DeclaredTypeCheck.Check(type))
                {
                    yield return Refuse(path, node.GetLocation(), refusal);
                }
            }
            else if (CheckTopLevel(member) is { } message)
            {
                yield return Refuse(path, member.GetLocation(), message);
            }
        }

        foreach (var node in root.DescendantNodes())
        {
            if (CheckNode(node) is { } message)
            {
                yield return Refuse(path, node.GetLocation(), message);
            }
        }

        foreach (var token in root.DescendantTokens())
        {
            var keyword = token.Kind() switch
            {
                SyntaxKind.UnsafeKeyword => "unsafe",
                SyntaxKind.ExternKeyword when token.Parent is not ExternAliasDirectiveSyntax => "extern",
                SyntaxKind.AsyncKeyword => "async",
                SyntaxKind.VolatileKeyword => "volatile",
                SyntaxKind.FixedKeyword => "fixed",
                SyntaxKind.ArgListKeyword => "__arglist",
                SyntaxKind.MakeRefKeyword => "__makeref",
                SyntaxKind.RefTypeKeyword => "__reftype",
                SyntaxKind.RefValueKeyword => "__refvalue",
                _ => null,
            };
            if (keyword is not null)
            {
                yield return Refuse(path, token.GetLocation(), $"'{keyword}' is not available to rules");
            }
        }
    }

    private static string? CheckTopLevel(MemberDeclarationSyntax member) => member switch
    {
        GlobalStatementSyntax => null,
        FieldDeclarationSyntax field when field.Modifiers.Any(SyntaxKind.StaticKeyword) => DeclaredTypeCheck.CheckField(field.Modifiers),
        FieldDeclarationSyntax field when field.Modifiers.Any(m => !m.IsKind(SyntaxKind.ConstKeyword)) =>
            $"'{field.Modifiers.First(m => !m.IsKind(SyntaxKind.ConstKeyword)).Text}' is not available on a rule's variables",
        FieldDeclarationSyntax => null,
        MethodDeclarationSyntax method when method.Modifiers.FirstOrDefault(IsUnexpectedFunctionModifier) is { RawKind: not 0 } modifier =>
            $"'{modifier.Text}' is not available on a rule's functions",
        MethodDeclarationSyntax { ExplicitInterfaceSpecifier: not null } => "explicit interface implementations are not available to rules",
        MethodDeclarationSyntax => null,
        DelegateDeclarationSyntax => "declaring delegates is not available to rules; use Func<...> or Action<...>",
        _ => "only statements, variables, functions, classes, records and enums are available at the top level of a rule",
    };

    // static is fine; async, unsafe and extern are reported by the keyword check.
    private static bool IsUnexpectedFunctionModifier(SyntaxToken modifier) =>
        !modifier.IsKind(SyntaxKind.StaticKeyword) && !modifier.IsKind(SyntaxKind.AsyncKeyword)
        && !modifier.IsKind(SyntaxKind.UnsafeKeyword) && !modifier.IsKind(SyntaxKind.ExternKeyword);

    private static string? CheckNode(SyntaxNode node) => node switch
    {
        PointerTypeSyntax or FunctionPointerTypeSyntax => "pointers are not available to rules",
        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "'stackalloc' is not available to rules",
        AwaitExpressionSyntax => "'await' is not available to rules",
        LockStatementSyntax => "'lock' is not available to rules",
        AttributeListSyntax => "attributes are not available to rules",
        DestructorDeclarationSyntax => "finalizers are not available to rules",
        _ => null,
    };

    private static RuleDiagnostic Refuse(string path, Location location, string message) =>
        SandboxDiagnostics.Error(path, location, SandboxDiagnostics.FeatureNotAvailable, message);
}
