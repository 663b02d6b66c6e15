using System.Collections.Frozen;
using Microsoft.CodeAnalysis;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// What rules may use, by symbol: the SDK's catalog, action and rule namespaces, and a curated part of
/// the base library (primitives, <see cref="Math"/>, strings, dates, collections, LINQ). Everything
/// else is refused, by default. Members whose cost is not bounded by the rule's input (capacities,
/// repeat counts, padding) are refused even on allowed types; <c>Enumerable.Range</c> and
/// <c>Repeat</c> are allowed because the compiler replaces them with budgeted versions.
/// </summary>
internal static class SymbolAllowlist
{
    private static readonly FrozenSet<string> AllowedNamespaces = FrozenSet.ToFrozenSet(
        ["Marketpilot.Sdk.Catalog", "Marketpilot.Sdk.Actions", "Marketpilot.Sdk.Rules", "Marketpilot.Sdk.Events"], StringComparer.Ordinal);

    // Parameters that make a library call allocate or loop by an amount the caller picks; an inner
    // exception chains exceptions without bound, and Exception.ToString recurses down the chain.
    private static readonly FrozenSet<string> UnboundedParameters = FrozenSet.ToFrozenSet(
        ["capacity", "repeatCount", "totalWidth", "minimumCapacity", "innerException"], StringComparer.Ordinal);

    private static readonly string[] ObjectMembers = ["ToString", "Equals", "GetHashCode", "ReferenceEquals", ".ctor", "op_Equality", "op_Inequality"];

    private static readonly FrozenDictionary<string, TypeRule> Types = BuildTypes();

    /// <summary>Decides whether a rule may use a type.</summary>
    /// <param name="type">The type.</param>
    /// <param name="ruleAssembly">The rule's own assembly (its enums, lambdas and local functions are fine).</param>
    /// <returns>The type to report when refused; <see langword="null"/> when allowed.</returns>
    public static ITypeSymbol? RefusedType(ITypeSymbol? type, IAssemblySymbol ruleAssembly)
    {
        switch (type)
        {
            case null or IErrorTypeSymbol or ITypeParameterSymbol:
                return null;
            case IArrayTypeSymbol array:
                return RefusedType(array.ElementType, ruleAssembly);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol or IDynamicTypeSymbol:
                return type;
            case INamedTypeSymbol named:
                if (named.IsAnonymousType || named.IsTupleType)
                {
                    return named.IsTupleType ? named.TupleElements.Select(e => RefusedType(e.Type, ruleAssembly)).FirstOrDefault(t => t is not null) : null;
                }

                if (!IsAllowedTypeDefinition(named.OriginalDefinition, ruleAssembly))
                {
                    return named.OriginalDefinition;
                }

                return named.TypeArguments.Select(t => RefusedType(t, ruleAssembly)).FirstOrDefault(t => t is not null);
            default:
                return type;
        }
    }

    /// <summary>Decides whether a rule may use a member (method, property, field, event).</summary>
    /// <param name="member">The member.</param>
    /// <param name="ruleAssembly">The rule's own assembly.</param>
    /// <returns>Whether the member is allowed; its containing type and type arguments are checked separately.</returns>
    public static bool IsAllowedMember(ISymbol member, IAssemblySymbol ruleAssembly)
    {
        if (member is IMethodSymbol { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
        {
            return true;
        }

        if (member is IMethodSymbol { ReducedFrom: { } reduced })
        {
            member = reduced;
        }

        var type = member.ContainingType?.OriginalDefinition;
        if (type is null)
        {
            return true;
        }

        if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, ruleAssembly))
        {
            // The rule's own types, anonymous types and static tables, and nothing else of the generated class (such as Execute).
            return type.IsAnonymousType || !IsGeneratedClass(type) || member is IFieldSymbol { IsStatic: true, IsReadOnly: true };
        }

        if (member is IMethodSymbol method && method.Parameters.Any(p => UnboundedParameters.Contains(p.Name)
            || (p.Name == "count" && type.SpecialType == SpecialType.System_String)
            || (p.Name == "count" && method.Name == "Insert" && MetadataName(type) == "System.Text.StringBuilder")))
        {
            return false;
        }

        var name = member is IMethodSymbol { AssociatedSymbol: { } associated } ? associated.Name : member.Name;
        if (member.IsStatic is false && member.ContainingType?.SpecialType == SpecialType.System_Object)
        {
            return ObjectMembers.Contains(name, StringComparer.Ordinal);
        }

        if (type.SpecialType == SpecialType.System_Object)
        {
            return ObjectMembers.Contains(name, StringComparer.Ordinal);
        }

        if (Types.TryGetValue(MetadataName(type), out var rule))
        {
            return rule.Allows(name);
        }

        // Nested types of allowed types (List<T>.Enumerator) and the SDK's rule namespaces.
        return IsAllowedTypeDefinition(type, ruleAssembly) && !IsDenied(type, name);
    }

    /// <summary>Whether a type is the class the rule's statements are compiled into.</summary>
    /// <param name="type">A type of the rule's assembly.</param>
    /// <returns>Whether it is the generated class.</returns>
    public static bool IsGeneratedClass(INamedTypeSymbol type) =>
        type.ContainingType is null && type.Name == RuleSourceBuilder.ClassName;

    private static bool IsDenied(INamedTypeSymbol type, string name) =>
        MetadataName(type) == "Marketpilot.Sdk.Rules.RuleGlobals" && name is "Reset";

    private static bool IsAllowedTypeDefinition(INamedTypeSymbol type, IAssemblySymbol ruleAssembly)
    {
        if (SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, ruleAssembly))
        {
            return true;
        }

        if (type.ContainingType is { } outer)
        {
            return IsAllowedTypeDefinition(outer.OriginalDefinition, ruleAssembly) && type.TypeKind != TypeKind.Delegate;
        }

        return type.SpecialType == SpecialType.System_Object
            || Types.ContainsKey(MetadataName(type))
            || AllowedNamespaces.Contains(type.ContainingNamespace.ToDisplayString());
    }

    private static string MetadataName(INamedTypeSymbol type) =>
        type.ContainingType is { } outer
            ? MetadataName(outer) + "+" + type.MetadataName
            : type.ContainingNamespace.IsGlobalNamespace ? type.MetadataName : type.ContainingNamespace.ToDisplayString() + "." + type.MetadataName;

    private static FrozenDictionary<string, TypeRule> BuildTypes()
    {
        var types = new Dictionary<string, TypeRule>(StringComparer.Ordinal);

        void All(params string[] names)
        {
            foreach (var name in names)
            {
                types[name] = TypeRule.All;
            }
        }

        void Except(string name, params string[] denied) => types[name] = TypeRule.AllExcept(denied);
        void Only(string name, params string[] allowed) => types[name] = TypeRule.Only(allowed);

        All(
            "System.Void", "System.Boolean", "System.Byte", "System.SByte", "System.Char", "System.Int16", "System.UInt16", "System.Int32",
            "System.UInt32", "System.Int64", "System.UInt64", "System.Single", "System.Double", "System.Decimal",
            "System.Math", "System.MathF", "System.MidpointRounding",
            "System.TimeSpan", "System.DateOnly", "System.TimeOnly", "System.DayOfWeek", "System.DateTimeKind",
            "System.Nullable", "System.Nullable`1", "System.Index", "System.Range",
            "System.StringComparison", "System.StringComparer", "System.StringSplitOptions",
            "System.IComparable", "System.IComparable`1", "System.IEquatable`1", "System.IFormattable", "System.IFormatProvider", "System.IDisposable",
            "System.ValueTuple", "System.ValueTuple`1", "System.ValueTuple`2", "System.ValueTuple`3", "System.ValueTuple`4",
            "System.ValueTuple`5", "System.ValueTuple`6", "System.ValueTuple`7", "System.ValueTuple`8",
            "System.Span`1", "System.ReadOnlySpan`1", "System.MemoryExtensions",
            "System.Globalization.NumberStyles", "System.Globalization.DateTimeStyles",
            "System.Collections.IEnumerable", "System.Collections.IEnumerator",
            "System.Collections.Generic.IEnumerable`1", "System.Collections.Generic.IEnumerator`1",
            "System.Collections.Generic.ICollection`1", "System.Collections.Generic.IList`1",
            "System.Collections.Generic.IReadOnlyCollection`1", "System.Collections.Generic.IReadOnlyList`1",
            "System.Collections.Generic.IDictionary`2", "System.Collections.Generic.IReadOnlyDictionary`2",
            "System.Collections.Generic.ISet`1", "System.Collections.Generic.IReadOnlySet`1",
            "System.Collections.Generic.KeyValuePair", "System.Collections.Generic.KeyValuePair`2",
            "System.Collections.Generic.IComparer`1", "System.Collections.Generic.IEqualityComparer`1",
            "System.Collections.Generic.Comparer`1", "System.Collections.Generic.EqualityComparer`1",
            "System.Collections.Generic.List`1", "System.Collections.Generic.Dictionary`2", "System.Collections.Generic.HashSet`1",
            "System.Collections.Generic.SortedDictionary`2", "System.Collections.Generic.SortedSet`1", "System.Collections.Generic.SortedList`2",
            "System.Collections.Generic.Queue`1", "System.Collections.Generic.Stack`1", "System.Collections.Generic.PriorityQueue`2",
            "System.Collections.Generic.CollectionExtensions",
            "System.Linq.IGrouping`2", "System.Linq.ILookup`2", "System.Linq.Lookup`2", "System.Linq.IOrderedEnumerable`1",
            "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler",
            "System.Exception", "System.InvalidOperationException", "System.ArgumentException", "System.ArgumentNullException",
            "System.ArgumentOutOfRangeException", "System.NotSupportedException", "System.NotImplementedException",
            "System.DivideByZeroException", "System.OverflowException", "System.FormatException",
            "System.IndexOutOfRangeException", "System.NullReferenceException", "System.Collections.Generic.KeyNotFoundException");

        Except("System.String", ".ctor", "Create", "Intern", "IsInterned", "PadLeft", "PadRight", "GetPinnableReference", "CopyTo", "TryCopyTo", "GetType");
        Except("System.DateTime", "GetType");
        Except("System.DateTimeOffset", "GetType");
        Except("System.Text.StringBuilder", "EnsureCapacity", "Capacity", "GetChunks");
        // foreach over a string's characters (the compiler indexes the string; the check still sees its enumerator).
        Only("System.CharEnumerator", "MoveNext", "Current", "Dispose");
        Except("System.Linq.Enumerable", "AsParallel", "AsQueryable");
        Except("System.Array", "CreateInstance", "CreateInstanceFromArrayType", "Resize", "ConstrainedCopy", "GetType");
        Except("System.Convert", "ChangeType", "GetTypeCode");
        Only("System.Enum", "ToString", "HasFlag", "CompareTo", "Equals", "GetHashCode");
        Only("System.ValueType", "ToString", "Equals", "GetHashCode");
        Only("System.Globalization.CultureInfo", "InvariantCulture", "Name");
        foreach (var arity in Enumerable.Range(0, 17))
        {
            var suffix = arity == 0 ? string.Empty : "`" + arity;
            Only("System.Action" + suffix, "Invoke");
            Only("System.Func`" + (arity + 1), "Invoke");
        }

        Only(
            "Marketpilot.Scripting.Runtime.RuleScript",
            "Sku", "History", "Day", "Week", "Month", "Campaigns", "Rule", "Now", "Event", "Actions", "Messages", "IsNewItem", "IsCoolingDown",
            "SetPrice", "CreateCoupon", "RemoveFromPromo", "AddToPromo", "PauseAds", "ResumeAds", "SetBid", "SetBudget", "Notify", "Log");
        Only("System.Predicate`1", "Invoke");
        Only("System.Comparison`1", "Invoke");
        return types.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private sealed class TypeRule
    {
        private readonly FrozenSet<string>? _allowed;
        private readonly FrozenSet<string>? _denied;

        private TypeRule(FrozenSet<string>? allowed, FrozenSet<string>? denied)
        {
            _allowed = allowed;
            _denied = denied;
        }

        public static TypeRule All { get; } = new(null, null);

        public static TypeRule AllExcept(string[] denied) => new(null, FrozenSet.ToFrozenSet(denied, StringComparer.Ordinal));

        public static TypeRule Only(string[] allowed) => new(FrozenSet.ToFrozenSet(allowed, StringComparer.Ordinal), null);

        public bool Allows(string member) =>
            member is not ("GetType" or "MemberwiseClone" or "Finalize" or "Capacity" or "EnsureCapacity")
            && (_allowed?.Contains(member) ?? true) && !(_denied?.Contains(member) ?? false);
    }
}
