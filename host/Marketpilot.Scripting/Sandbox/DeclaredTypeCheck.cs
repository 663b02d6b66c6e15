using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// What a class or record declared in a rule may contain: ordinary members, instance state, and
/// static state only as read-only tables (<c>static readonly</c>, checked by <see cref="StaticTableCheck"/>)
/// or constants. Nothing a rule declares may outlive an evaluation in a way the next one could see.
/// </summary>
internal static class DeclaredTypeCheck
{
    /// <summary>Why a top-level type declaration is refused, with the node to report; <see langword="null"/> when it is allowed.</summary>
    /// <param name="type">The declaration.</param>
    /// <returns>The refusals.</returns>
    public static IEnumerable<(SyntaxNode Node, string Message)> Check(BaseTypeDeclarationSyntax type)
    {
        switch (type)
        {
            case EnumDeclarationSyntax { Modifiers.Count: > 0 }:
                yield return (type, "modifiers are not available on a rule's enums");
                yield break;
            case EnumDeclarationSyntax:
                yield break;
            case RecordDeclarationSyntax { ClassOrStructKeyword.RawKind: (int)SyntaxKind.StructKeyword }:
            case StructDeclarationSyntax or InterfaceDeclarationSyntax:
                yield return (type, "declaring structs and interfaces is not available to rules; declare a class or a record");
                yield break;
        }

        var declaration = (TypeDeclarationSyntax)type;
        if (declaration.TypeParameterList is not null)
        {
            yield return (declaration.TypeParameterList, "generic types are not available to rules");
        }

        foreach (var modifier in declaration.Modifiers.Where(m => m.Kind() is not (SyntaxKind.SealedKeyword or SyntaxKind.AbstractKeyword or SyntaxKind.StaticKeyword
            or SyntaxKind.PublicKeyword or SyntaxKind.InternalKeyword or SyntaxKind.PrivateKeyword or SyntaxKind.UnsafeKeyword)))
        {
            yield return (declaration, $"'{modifier.Text}' is not available on a rule's types");
        }

        foreach (var member in declaration.Members)
        {
            if (Check(member) is { } message)
            {
                yield return (member, message);
            }
        }
    }

    private static string? Check(MemberDeclarationSyntax member) => member switch
    {
        BaseTypeDeclarationSyntax or DelegateDeclarationSyntax => "types inside types are not available to rules; declare them at the top level of the rule",
        EventFieldDeclarationSyntax or EventDeclarationSyntax => "events are not available to rules",
        ConstructorDeclarationSyntax constructor when constructor.Modifiers.Any(SyntaxKind.StaticKeyword) =>
            "static constructors are not available to rules; initialise a static table where it is declared",
        FieldDeclarationSyntax field => CheckField(field.Modifiers),
        PropertyDeclarationSyntax property when property.Modifiers.Any(SyntaxKind.StaticKeyword) && IsAutoProperty(property) =>
            "static auto-properties are not available to rules: nothing a rule stores may outlive one evaluation; use a 'static readonly' table or a constant",
        _ => null,
    };

    /// <summary>Why a field's modifiers are refused: static state must be a constant or a read-only table.</summary>
    /// <param name="modifiers">The field's modifiers.</param>
    /// <returns>The refusal, or <see langword="null"/>.</returns>
    public static string? CheckField(SyntaxTokenList modifiers) =>
        modifiers.Any(SyntaxKind.StaticKeyword) && !modifiers.Any(SyntaxKind.ReadOnlyKeyword)
            ? "static fields are not available to rules: nothing a rule stores may outlive one evaluation; a 'static readonly' table of numbers, text or dates is"
            : null;

    private static bool IsAutoProperty(PropertyDeclarationSyntax property) =>
        property.ExpressionBody is null
        && property.AccessorList is { } accessors
        && accessors.Accessors.All(a => a.Body is null && a.ExpressionBody is null);
}
