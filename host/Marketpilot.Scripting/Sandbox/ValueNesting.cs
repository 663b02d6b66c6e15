using Microsoft.CodeAnalysis;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Keeps values whose <c>ToString</c>, <c>Equals</c> and <c>GetHashCode</c> recurse into their members
/// (tuples, <c>KeyValuePair</c>, <c>Nullable</c>, anonymous types and the rule's own records) from
/// nesting inside themselves: such a value may not hold <c>object</c>, a comparison interface or a type
/// parameter, and a record may not contain itself. Their nesting is then bounded by the rule's text,
/// so the library and compiler-generated code that walks them cannot run out of stack, which no
/// budget check inside that code could stop.
/// </summary>
/// <param name="ruleAssembly">The rule's own assembly.</param>
internal sealed class ValueNesting(IAssemblySymbol ruleAssembly)
{
    private static readonly string[] RecordInterfaces = ["System.IEquatable`1", "System.IComparable`1", "System.IComparable"];

    private readonly Dictionary<ITypeSymbol, string?> _refusals = new(SymbolEqualityComparer.Default);

    /// <summary>Why a type is refused; <see langword="null"/> when values of it cannot nest inside themselves.</summary>
    /// <param name="type">The type.</param>
    /// <returns>The refusal.</returns>
    public string? Refusal(ITypeSymbol? type)
    {
        if (type is not INamedTypeSymbol named || !IsComposite(named))
        {
            return null;
        }

        if (!_refusals.TryGetValue(named, out var refusal))
        {
            refusal = Walk(named, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));
            _refusals[named] = refusal;
        }

        return refusal;
    }

    private string? Walk(INamedTypeSymbol type, HashSet<ITypeSymbol> path)
    {
        if (IsRuleRecord(type) && type.AllInterfaces.FirstOrDefault(i => !RecordInterfaces.Contains(MetadataName(i.OriginalDefinition))) is { } other)
        {
            return $"record '{Display(type)}' may implement only IEquatable<T> and IComparable<T>, not '{Display(other)}'";
        }

        path.Add(type);
        foreach (var member in MemberTypes(type))
        {
            if (IsOpen(member))
            {
                return $"'{Display(type)}' is not available to rules: a tuple, record or anonymous type may not hold '{Display(member)}', so that no value can nest inside itself; hold it in a list or a class instead";
            }

            if (member is INamedTypeSymbol inner && IsComposite(inner))
            {
                if (path.Contains(inner))
                {
                    return $"'{Display(type)}' is not available to rules: it contains '{Display(inner)}' inside itself; hold the nested values in a list instead";
                }

                if (Walk(inner, path) is { } refusal)
                {
                    return refusal;
                }
            }
        }

        path.Remove(type);
        return null;
    }

    private bool IsComposite(INamedTypeSymbol type) =>
        type.IsTupleType || type.IsAnonymousType || IsRuleRecord(type)
        || MetadataName(type.OriginalDefinition) is "System.Collections.Generic.KeyValuePair`2" or "System.Nullable`1";

    private bool IsRuleRecord(INamedTypeSymbol type) =>
        type.IsRecord && SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, ruleAssembly);

    private IEnumerable<ITypeSymbol> MemberTypes(INamedTypeSymbol type)
    {
        if (type.IsTupleType)
        {
            return type.TupleElements.Select(e => e.Type);
        }

        if (type.IsAnonymousType)
        {
            return type.GetMembers().OfType<IPropertySymbol>().Select(p => p.Type);
        }

        if (IsRuleRecord(type))
        {
            // Every instance field, the base records' too (positional and auto-property backing fields among them).
            var fields = new List<ITypeSymbol>();
            for (var current = type; current is not null && IsRuleRecord(current); current = current.BaseType)
            {
                fields.AddRange(current.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic).Select(f => f.Type));
            }

            return fields;
        }

        return type.TypeArguments;
    }

    // What can hold, boxed, a value of any kind. Collection interfaces cannot: a collection formats as its
    // type name and hashes by reference, and a rule's record may not implement them.
    private static bool IsOpen(ITypeSymbol type) =>
        type.TypeKind is TypeKind.TypeParameter or TypeKind.Dynamic
        || type.SpecialType is SpecialType.System_Object or SpecialType.System_ValueType or SpecialType.System_Enum
        || (type.TypeKind == TypeKind.Interface && !type.AllInterfaces.Append((INamedTypeSymbol)type).Any(i => i.SpecialType == SpecialType.System_Collections_IEnumerable));

    private static string MetadataName(INamedTypeSymbol type) => type.ContainingNamespace + "." + type.MetadataName;

    private static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
