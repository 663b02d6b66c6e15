using Microsoft.CodeAnalysis;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Refuses tuples, key-value pairs and anonymous types with an element that can hold anything
/// (<see langword="object"/>, an interface such as <c>IComparable</c>, a type parameter): such a value
/// can hold, boxed, another of its kind, and forty lines of <c>o = (o, o);</c> make a value whose
/// <c>ToString</c>, comparison or hash visits 2^40 strings inside one library call, which no budget
/// check sees. With concrete element types the nesting is fixed by the rule's text.
/// </summary>
internal static class SelfNestingCheck
{
    /// <summary>Why a type may not be used, or <see langword="null"/> when it may.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The diagnostic.</returns>
    public static string? Refuses(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named)
        {
            return null;
        }

        IEnumerable<ITypeSymbol> elements = named switch
        {
            { IsTupleType: true } => named.TupleElements.Select(e => e.Type),
            { IsAnonymousType: true } => named.GetMembers().OfType<IPropertySymbol>().Select(p => p.Type),
            _ when named.OriginalDefinition.ToDisplayString() == "System.Collections.Generic.KeyValuePair<TKey, TValue>" => named.TypeArguments,
            _ => [],
        };
        return elements.FirstOrDefault(HoldsAnything) is { } element
            ? $"'{type.ToDisplayString()}' is not available to rules: a tuple, pair or anonymous type holding '{element.ToDisplayString()}' can hold itself, and formatting, comparing or hashing it then doubles with every level inside one call; give the element a concrete type"
            : null;
    }

    // Collection interfaces are fine: a collection formats as its type name and hashes by reference.
    private static bool HoldsAnything(ITypeSymbol type) => type switch
    {
        { SpecialType: SpecialType.System_Object } or ITypeParameterSymbol or IDynamicTypeSymbol => true,
        { TypeKind: TypeKind.Interface } => !type.AllInterfaces.Append(type).Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable),
        _ => false,
    };
}
