using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// A rule's <c>static readonly</c> fields are lookup tables: initialised once per rule version and
/// shared by every evaluation, so nothing may change them or hand them to code that could. They
/// hold numbers, text, dates, enums, tuples of them and the rule's own records and classes that
/// cannot change (every field readonly and of such a type), alone or in an array, list, set or
/// dictionary, and a rule reads them by indexing, <c>Count</c>, <c>TryGetValue</c> and the like,
/// <c>foreach</c> and LINQ.
/// </summary>
internal static class StaticTableCheck
{
    private static readonly HashSet<string> Collections = new(StringComparer.Ordinal)
    {
        "System.Collections.Generic.List`1", "System.Collections.Generic.HashSet`1", "System.Collections.Generic.SortedSet`1",
        "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.SortedList`2",
        "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1",
        "System.Collections.Generic.IReadOnlyDictionary`2", "System.Collections.Generic.IReadOnlySet`1",
    };

    private static readonly HashSet<string> ReadingMembers = new(StringComparer.Ordinal)
    {
        "Count", "Length", "Keys", "Values", "Comparer", "this[]", "Min", "Max",
        "ContainsKey", "ContainsValue", "Contains", "TryGetValue", "IndexOf", "LastIndexOf", "BinarySearch", "GetEnumerator",
        "Exists", "Find", "FindIndex", "FindLast", "FindLastIndex", "FindAll", "TrueForAll", "ConvertAll", "GetRange", "Slice", "ToArray",
        "IsSubsetOf", "IsSupersetOf", "IsProperSubsetOf", "IsProperSupersetOf", "Overlaps", "SetEquals", "TryGetValue",
        "Equals", "GetHashCode", "ToString",
    };

    /// <summary>Why a static readonly field's type is refused; <see langword="null"/> when it makes a table.</summary>
    /// <param name="type">The field's type.</param>
    /// <returns>The refusal.</returns>
    public static string? CheckType(ITypeSymbol type) =>
        IsImmutable(type) || (type is IArrayTypeSymbol { Rank: 1 } array && IsImmutable(array.ElementType))
        || (type is INamedTypeSymbol { IsGenericType: true } named && Collections.Contains(MetadataName(named.OriginalDefinition)) && named.TypeArguments.All(t => IsImmutable(t)))
            ? null
            : $"a static table may hold only numbers, text, dates, enums, tuples of them and records or classes of the rule whose fields are all readonly and of such types, alone or in an array, list, set or dictionary; '{type.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat)}' is not";

    /// <summary>Why a use of a static table is refused; <see langword="null"/> when it only reads the table.</summary>
    /// <param name="reference">A reference to a static readonly field of the rule.</param>
    /// <returns>The refusal.</returns>
    public static string? CheckUse(IFieldReferenceOperation reference)
    {
        if (IsImmutable(reference.Field.Type) || Reads(reference))
        {
            return null;
        }

        return $"'{reference.Field.Name}' is a static table: a rule may read it (indexing, Count, TryGetValue, foreach, LINQ) but not change it or hand it on; copy it first with ToList() or ToArray()";
    }

    private static bool Reads(IOperation reference)
    {
        var parent = reference.Parent;
        if (parent is IConversionOperation { IsImplicit: true, Type.TypeKind: TypeKind.Interface } conversion)
        {
            // Steps.Sum() and foreach (var s in Steps) see the table as IEnumerable<T>.
            reference = conversion;
            parent = conversion.Parent;
        }

        return parent switch
        {
            IArrayElementReferenceOperation element when element.ArrayReference == reference => !IsWritten(element),
            IPropertyReferenceOperation property when property.Instance == reference =>
                ReadingMembers.Contains(property.Property.IsIndexer ? "this[]" : property.Property.Name) && !IsWritten(property),
            IInvocationOperation call when call.Instance == reference => ReadingMembers.Contains(call.TargetMethod.Name),
            IArgumentOperation { Parameter.RefKind: RefKind.None, Parent: IInvocationOperation call } => IsReadingLibraryCall(call.TargetMethod.ReducedFrom ?? call.TargetMethod),
            IForEachLoopOperation loop => loop.Collection == reference,
            IInterpolationOperation => true,
            _ => false,
        };
    }

    // LINQ makes new sequences from what it reads, except those that can hand back the source itself.
    private static bool IsReadingLibraryCall(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString() switch
        {
            "System.Linq.Enumerable" => method.Name is not ("AsEnumerable" or "Cast" or "OfType"),
            "string" => method.Name is "Join" or "Concat",
            "System.Collections.Generic.CollectionExtensions" => method.Name is "GetValueOrDefault",
            _ => false,
        };

    // Written, or taken by reference (ref x = ref Steps[0], return ref ..., a ref or out argument).
    private static bool IsWritten(IOperation target) =>
        target.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.RefExpressionSyntax
        || target.Parent switch
        {
            IAssignmentOperation assignment => assignment.Target == target,
            IIncrementOrDecrementOperation => true,
            IArgumentOperation argument => argument.Parameter?.RefKind is not (null or RefKind.None),
            ITupleOperation => target.Parent.Parent is IDeconstructionAssignmentOperation,
            _ => false,
        };

    private static bool IsImmutable(ITypeSymbol type, HashSet<ITypeSymbol>? seen = null) =>
        type.TypeKind == TypeKind.Enum
        || type.SpecialType is >= SpecialType.System_Boolean and <= SpecialType.System_String or SpecialType.System_DateTime
        || (type is INamedTypeSymbol named && (
            (named.IsTupleType && named.TupleElements.All(e => IsImmutable(e.Type, seen)))
            || MetadataName(named.OriginalDefinition) is "System.DateOnly" or "System.TimeOnly" or "System.TimeSpan" or "System.DateTimeOffset"
            || (MetadataName(named.OriginalDefinition) == "System.Nullable`1" && IsImmutable(named.TypeArguments[0], seen))
            || IsImmutableRuleType(named, seen ?? new(SymbolEqualityComparer.Default))));

    // A class or record the rule declares whose instances cannot change once built: every instance field, its own and
    // its bases', is readonly (as the backing field of a get-only or init-only property is) and of an immutable type, and
    // every type of the rule that derives from it is immutable too (a table of the base could hold one, and an override
    // could change what it holds). A library base could hold state the check cannot see, so bases are the rule's own.
    private static bool IsImmutableRuleType(INamedTypeSymbol type, HashSet<ITypeSymbol> seen)
    {
        if (type.TypeKind != TypeKind.Class || !IsDeclaredByTheRule(type))
        {
            return false;
        }

        if (!seen.Add(type))
        {
            // Already being checked further up: it is immutable if the rest of the check finds it so.
            return true;
        }

        for (var level = type; level is { SpecialType: not SpecialType.System_Object }; level = level.BaseType)
        {
            if (!IsDeclaredByTheRule(level)
                || level.GetMembers().OfType<IFieldSymbol>().Any(f => !f.IsStatic && !(f.IsReadOnly && IsImmutable(f.Type, seen))))
            {
                return false;
            }
        }

        return type.IsSealed || TypesOf(type.ContainingAssembly.GlobalNamespace)
            .Where(t => SymbolEqualityComparer.Default.Equals(t.BaseType, type))
            .All(derived => IsImmutableRuleType(derived, seen));
    }

    private static bool IsDeclaredByTheRule(INamedTypeSymbol type) => type.Locations.Any(l => l.IsInSource);

    private static IEnumerable<INamedTypeSymbol> TypesOf(INamespaceOrTypeSymbol container)
    {
        // Iterative: the rule's own types are few and shallow, but nothing here should recurse on input.
        var pending = new Stack<INamespaceOrTypeSymbol>([container]);
        while (pending.TryPop(out var current))
        {
            foreach (var member in current.GetMembers().OfType<INamespaceOrTypeSymbol>())
            {
                if (member is INamedTypeSymbol type)
                {
                    yield return type;
                }

                pending.Push(member);
            }
        }
    }

    private static string MetadataName(INamedTypeSymbol type) => type.ContainingNamespace + "." + type.MetadataName;
}
