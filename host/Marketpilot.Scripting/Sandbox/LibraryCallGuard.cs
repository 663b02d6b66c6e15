using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>How the sandbox keeps one library call within the rule's budgets.</summary>
internal enum LibraryCallGuardKind
{
    /// <summary>Nothing to do: the call cannot build anything larger than its inputs.</summary>
    None,

    /// <summary>Replaced by a budgeted wrapper in <c>RuleBudget</c> that refuses before building (<see cref="LibraryCallGuard.Wrapper"/>).</summary>
    Wrapped,

    /// <summary>Followed by an allocation check: the result is at most a few times its inputs, so checking after is enough.</summary>
    CheckedAfter,

    /// <summary>Refused at compile time (<see cref="LibraryCallGuard.Reason"/>).</summary>
    Refused,
}

/// <summary>
/// Decides, for each call a rule makes into the base library, how its cost stays bounded. The
/// compile-time check (<see cref="SemanticCheck"/>) reports the refusals and the rewriter
/// (<see cref="BudgetRewriter"/>) inserts the wrappers and checks, both from this one place.
/// </summary>
/// <remarks>
/// Budget checks run at loop iterations and calls, so a library call is the only place a rule can do
/// a lot of work between two checks. Three kinds matter: calls whose result is the product of their
/// inputs (<c>Replace</c>, <c>Join</c>: wrapped, refused before building); calls whose result is the
/// sum of their inputs (<c>s + s</c>, <c>AddRange</c>, <c>ToList</c>: checked right after, so that
/// doubling a value in straight-line code is stopped at the first doubling over budget); and
/// culture-sensitive string searches, whose time grows with the product of both strings in a single call.
/// </remarks>
/// <param name="Kind">What to do.</param>
/// <param name="Wrapper">The <c>RuleBudget</c> method that replaces the call, for <see cref="LibraryCallGuardKind.Wrapped"/>.</param>
/// <param name="Reason">The diagnostic, for <see cref="LibraryCallGuardKind.Refused"/>.</param>
internal readonly record struct LibraryCallGuard(LibraryCallGuardKind Kind, string? Wrapper = null, string? Reason = null)
{
    // The LINQ operators that put their keys (or elements) in a hash table.
    private static readonly HashSet<string> HashingOperators = new(StringComparer.Ordinal)
    {
        "Distinct", "DistinctBy", "Union", "UnionBy", "Intersect", "IntersectBy", "Except", "ExceptBy", "GroupBy", "ToLookup",
        "ToDictionary", "ToHashSet", "Join", "GroupJoin", "LeftJoin", "RightJoin", "CountBy", "AggregateBy",
    };

    private static readonly LibraryCallGuard Nothing = new(LibraryCallGuardKind.None);
    private static readonly LibraryCallGuard After = new(LibraryCallGuardKind.CheckedAfter);

    /// <summary>Classifies an invocation.</summary>
    /// <param name="invocation">The bound call.</param>
    /// <param name="ruleAssembly">The rule's own assembly; its local functions and lambdas are budgeted already.</param>
    /// <param name="conditional">Whether the call is the target of <c>?.</c>, where a wrapper cannot take the receiver.</param>
    /// <returns>The guard.</returns>
    public static LibraryCallGuard For(IInvocationOperation invocation, IAssemblySymbol ruleAssembly, bool conditional)
    {
        var method = invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod;
        if (!IsLibrary(method, ruleAssembly))
        {
            return Nothing;
        }

        if (CultureSensitiveSearch(method, invocation) is { } search)
        {
            return new(LibraryCallGuardKind.Refused, Reason: search);
        }

        if (SpanSearch(method) is { } spans)
        {
            return new(LibraryCallGuardKind.Refused, Reason: spans);
        }

        if (conditional && invocation.Arguments is [{ Syntax: not ArgumentSyntax } receiver, ..] && CountsSequence(receiver))
        {
            return new(LibraryCallGuardKind.Refused, Reason: $"'?.{method.Name}(...)' on a sequence is not available to rules: test for null first, then call {method.Name}");
        }

        if (conditional && ComparesTexts(invocation) is not null)
        {
            return new(LibraryCallGuardKind.Refused, Reason: $"'?.{method.Name}(...)' on a collection of strings or tuples is not available to rules: test for null first, then call {method.Name}");
        }

        var type = method.ContainingType.OriginalDefinition;
        var expanded = invocation.Arguments.Any(a => a.ArgumentKind is ArgumentKind.ParamArray or ArgumentKind.ParamCollection);
        var parameters = method.Parameters;
        var wrapper = WrapperOf(method, type, expanded);
        if (wrapper is not null)
        {
            return conditional
                ? new(LibraryCallGuardKind.Refused, Reason: $"'?.{method.Name}(...)' is not available to rules: test for null first, then call {method.Name}")
                : new(LibraryCallGuardKind.Wrapped, Wrapper: wrapper);
        }

        if (IsStringBuilder(type) && method.Name == "AppendJoin")
        {
            return new(LibraryCallGuardKind.Refused, Reason: $"'{Display(method)}' is not available to rules: its result can outgrow the allocation budget in one call; use Append(string.Join(...))");
        }

        if (IsStringBuilder(type) && method.Name == "Replace" && parameters[0].Type.SpecialType == SpecialType.System_String)
        {
            return new(LibraryCallGuardKind.Refused, Reason: $"'{Display(method)}' is not available to rules: its result can outgrow the allocation budget in one call; use Replace(string, string)");
        }

        if (type.SpecialType == SpecialType.System_String && method.Name is "Join" or "Concat" or "Replace" && !expanded && parameters.Any(p => IsSequence(p.Type) || IsSpan(p.Type)))
        {
            return new(LibraryCallGuardKind.Refused, Reason: $"'{Display(method)}' is not available to rules: its result can outgrow the allocation budget in one call");
        }

        return BuildsFromInputs(method) ? After : Nothing;
    }

    /// <summary>
    /// Whether an argument is a sequence that a library call will consume in a loop of its own, so it is
    /// passed through <c>RuleBudget.Counted</c>: a lazy sequence (which may be infinite, or a long chain
    /// of operators), or elements whose hashing or comparison costs grow with their size (strings, and
    /// tuples or anonymous types that may hold them). Materialised collections of small values are not:
    /// the allocation budget already bounds them, and the sample rules' LINQ over the host's lists stays free.
    /// </summary>
    /// <param name="argument">The bound argument, including the receiver of an extension method.</param>
    /// <returns>Whether to count it.</returns>
    public static bool CountsSequence(IArgumentOperation argument)
    {
        if (argument is not { ArgumentKind: ArgumentKind.Explicit, Parameter: { RefKind: RefKind.None, Type: INamedTypeSymbol { IsGenericType: true } parameterType } }
            || parameterType.ConstructedFrom.SpecialType != SpecialType.System_Collections_Generic_IEnumerable_T
            || !CallsLibrary(argument.Parent))
        {
            return false;
        }

        var type = argument.Value is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand.Type : argument.Value.Type;
        return type is not null && !type.IsRefLikeType && (IsLazy(type) || CostGrows(parameterType.TypeArguments[0], 0));
    }

    /// <summary>Whether a query's source (<c>from x in source</c>) is counted like a sequence argument: the query's operators consume it.</summary>
    /// <param name="type">The source's type.</param>
    /// <returns>Whether to count it.</returns>
    public static bool CountsQuerySource(ITypeSymbol? type) =>
        type is not null && !type.IsRefLikeType && ElementOf(type) is { } element && (IsLazy(type) || CostGrows(element, 0));

    /// <summary>
    /// The collection of strings (or of tuples and other values that may hold text) a library call compares element by element (<c>list.Sort()</c>,
    /// <c>list.Contains(s)</c>, <c>Array.IndexOf(names, s)</c>), whose cost is the strings' total
    /// length (times log n for a sort) in one call; <see langword="null"/> for other calls. The rewriter
    /// passes it through <c>RuleBudget.Scanned</c>, which charges that before the call.
    /// </summary>
    /// <param name="invocation">The bound call.</param>
    /// <returns>The receiver or argument, and whether the call sorts.</returns>
    public static (IOperation Collection, bool Sorts)? ComparesTexts(IInvocationOperation invocation)
    {
        var method = invocation.TargetMethod;
        if (method.Name is not ("Sort" or "Contains" or "IndexOf" or "LastIndexOf" or "Remove")
            || method.ContainingType.OriginalDefinition.ToDisplayString() is not ("System.Collections.Generic.List<T>" or "System.Collections.Generic.IList<T>"
                or "System.Collections.Generic.ICollection<T>" or "System.Collections.Generic.Queue<T>" or "System.Collections.Generic.Stack<T>" or "System.Array"))
        {
            return null;
        }

        var collection = method.IsStatic
            ? invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == 0 && a.ArgumentKind == ArgumentKind.Explicit)?.Value
            : invocation.Instance;
        var type = collection is IConversionOperation { IsImplicit: true } conversion ? conversion.Operand.Type : collection?.Type;
        return collection is not null && type is not null && ElementOf(type) is { } element && CostGrows(element, 0)
            ? (collection, method.Name == "Sort")
            : null;
    }

    /// <summary>Why a library method may not be passed as a delegate (a method group), or <see langword="null"/> when it may.</summary>
    /// <param name="method">The method.</param>
    /// <param name="ruleAssembly">The rule's own assembly; its local functions are budgeted themselves.</param>
    /// <returns>The diagnostic.</returns>
    public static string? MethodGroup(IMethodSymbol method, IAssemblySymbol ruleAssembly) =>
        IsLibrary(method.ReducedFrom ?? method, ruleAssembly)
            ? $"passing '{Display(method)}' as a delegate is not available to rules: the library would call it with no budget check in between; use a lambda"
            : null;

    /// <summary>Whether creating an object with these arguments may copy a large input (<c>new List&lt;T&gt;(items)</c>), so it is checked after.</summary>
    /// <param name="creation">The bound creation.</param>
    /// <param name="ruleAssembly">The rule's own assembly.</param>
    /// <returns>Whether to check allocations after it.</returns>
    public static bool CheckAfterCreation(IObjectCreationOperation creation, IAssemblySymbol ruleAssembly) =>
        creation.Constructor is { } constructor && IsLibrary(constructor, ruleAssembly)
        && constructor.Parameters.Any(p => p.Type.IsReferenceType) && creation.Type is { IsAnonymousType: false };

    /// <summary>
    /// The key comparer to hand a library call that hashes keys (a <c>HashSet</c> or <c>Dictionary</c> created, a LINQ
    /// operator such as <c>ToHashSet</c>, <c>Distinct</c>, <c>GroupBy</c> or <c>Join</c>) with the library's default comparer,
    /// whose hashes a rule can make collide: the name of the comparer parameter to pass, and the key type. The comparer is
    /// the call's own optional parameter or that of the overload with one more, trailing, comparer parameter.
    /// <see langword="null"/> when the call hashes nothing or is given a comparer.
    /// </summary>
    /// <param name="method">The method or constructor called (for an extension method, its static form).</param>
    /// <param name="arguments">The bound arguments.</param>
    /// <param name="ruleAssembly">The rule's own assembly.</param>
    /// <returns>The parameter's name, the key type spelled out (<see langword="null"/> when C# cannot spell it, as for an anonymous type), and the key type itself.</returns>
    public static (string Parameter, string? Key, ITypeSymbol KeyType)? KeyComparer(IMethodSymbol method, IEnumerable<IArgumentOperation> arguments, IAssemblySymbol ruleAssembly)
    {
        var type = method.ContainingType.OriginalDefinition.ToDisplayString();
        var hashes = method.MethodKind == MethodKind.Constructor
            ? type is "System.Collections.Generic.HashSet<T>" or "System.Collections.Generic.Dictionary<TKey, TValue>"
            : type == "System.Linq.Enumerable" && HashingOperators.Contains(method.Name);
        if (!hashes || !IsLibrary(method, ruleAssembly))
        {
            return null;
        }

        var given = arguments.ToList();
        var comparer = method.Parameters.FirstOrDefault(IsEqualityComparer);
        if (comparer is not null)
        {
            // An optional comparer the call leaves out (CountBy(keySelector)).
            return given.Any(a => SymbolEqualityComparer.Default.Equals(a.Parameter, comparer) && a.ArgumentKind == ArgumentKind.DefaultValue)
                ? Spelled(comparer)
                : null;
        }

        var overloads = method.MethodKind == MethodKind.Constructor
            ? method.ContainingType.InstanceConstructors
            : method.ContainingType.GetMembers(method.Name).OfType<IMethodSymbol>()
                .Where(m => m.TypeParameters.Length == method.TypeArguments.Length)
                .Select(m => m.TypeParameters.IsEmpty ? m : m.Construct([.. method.TypeArguments]))
                .ToImmutableArray();
        var withComparer = overloads.FirstOrDefault(o => o.Parameters.Length == method.Parameters.Length + 1 && IsEqualityComparer(o.Parameters[^1])
            && o.Parameters.Zip(method.Parameters).All(p => SymbolEqualityComparer.Default.Equals(p.First.Type, p.Second.Type)));
        return withComparer is null ? null : Spelled(withComparer.Parameters[^1]);

        static (string, string?, ITypeSymbol)? Spelled(IParameterSymbol parameter)
        {
            // The key's own type: a comparer of another type takes part in the call's type inference (IEqualityComparer<in T>
            // of object made xs.Distinct() a sequence of object).
            var key = ((INamedTypeSymbol)parameter.Type).TypeArguments[0];
            return (parameter.Name, Nameable(key) ? key.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) : null, key);
        }
    }

    /// <summary>Whether a string operation builds a new string from non-constant parts (<c>a + b</c>, <c>s += t</c>, <c>$"{a}{b}"</c>).</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>Whether to check allocations after it.</returns>
    public static bool CheckAfterStringBuilding(IOperation? operation) => operation switch
    {
        IBinaryOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String, ConstantValue.HasValue: false } => true,
        ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Add, Type.SpecialType: SpecialType.System_String } => true,
        IInterpolatedStringOperation { ConstantValue.HasValue: false } interpolated => interpolated.Parts.Any(p => p is IInterpolationOperation),
        _ => false,
    };

    /// <summary>Whether an assignment sets <c>StringBuilder.Length</c>, which pads with as many characters as asked in one call.</summary>
    /// <param name="target">The assignment's target.</param>
    /// <returns>Whether the assigned value must be checked first.</returns>
    public static bool IsLengthOfStringBuilder(IOperation? target) =>
        target is IPropertyReferenceOperation { Property: { Name: "Length" } property } && IsStringBuilder(property.ContainingType);

    // A call that returns (or, when void, stores into its receiver) something built from reference-typed inputs.
    private static bool BuildsFromInputs(IMethodSymbol method)
    {
        if (method.ReturnsVoid)
        {
            return method.Parameters.Any(p => IsSequence(p.Type) || IsSpan(p.Type) || IsStringBuilder(p.Type));
        }

        var returned = method.ReturnType;
        if (!returned.IsReferenceType || IsDeferredSequence(returned))
        {
            return false;
        }

        // string.Concat(a, b, c, d, e) binds to the params ReadOnlySpan<string?> overload: a span of references.
        return !method.IsStatic || method.Parameters.Any(p => p.Type.IsReferenceType || IsSpan(p.Type));
    }

    // Culture-sensitive searches run ICU's matcher, whose time grows with the product of both lengths:
    // a 400,000-character IndexOf takes minutes in one call. Ordinal searches are linear.
    private static string? CultureSensitiveSearch(IMethodSymbol method, IInvocationOperation invocation)
    {
        var type = method.ContainingType;
        var onStrings = type.SpecialType == SpecialType.System_String || type.ToDisplayString() == "System.MemoryExtensions";
        if (!onStrings || method.Name is not ("IndexOf" or "LastIndexOf" or "Contains" or "Replace" or "Split" or "StartsWith" or "EndsWith"))
        {
            return null;
        }

        var searchesText = method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_String || IsCharSpan(p.Type))
            && (type.SpecialType == SpecialType.System_String ? method.Parameters : method.Parameters.Skip(1)).Any(p => p.Type.SpecialType == SpecialType.System_String || IsCharSpan(p.Type));
        if (!searchesText)
        {
            return null;
        }

        var comparison = invocation.Arguments.FirstOrDefault(a => a.Parameter is { } p && IsStringComparison(p.Type));
        var culture = invocation.Arguments.Any(a => a.Parameter?.Type.ToDisplayString() == "System.Globalization.CultureInfo");
        var ordinal = comparison?.Value.ConstantValue is { HasValue: true, Value: int value }
            && (StringComparison)value is StringComparison.Ordinal or StringComparison.OrdinalIgnoreCase;
        var linguistic = culture
            || (comparison is null && type.SpecialType == SpecialType.System_String && method.Name is "IndexOf" or "LastIndexOf" && !method.Parameters.Any(p => p.Type.SpecialType == SpecialType.System_Char))
            || (comparison is not null && !ordinal);
        return linguistic
            ? $"culture-sensitive '{Display(method)}' is not available to rules: its cost grows with both strings at once; pass StringComparison.Ordinal or StringComparison.OrdinalIgnoreCase"
            : null;
    }

    private static string? WrapperOf(IMethodSymbol method, INamedTypeSymbol type, bool expanded)
    {
        var parameters = method.Parameters;
        if (type.SpecialType == SpecialType.System_String)
        {
            var first = parameters.Length > 0 ? parameters[0].Type : null;
            var text = first?.SpecialType == SpecialType.System_String;
            return method.Name switch
            {
                "Join" when !expanded && parameters.Length == 2 && IsSequence(parameters[1].Type) => "Join",
                "Concat" when !expanded && parameters.Length == 1 && IsSequence(parameters[0].Type) => "Concat",
                "Replace" when !method.IsStatic && text
                    && (parameters.Length == 2 || (parameters.Length == 3 && IsStringComparison(parameters[2].Type))) => "Replace",
                "Contains" or "IndexOf" or "LastIndexOf" when !method.IsStatic && text => method.Name,
                "Split" when !method.IsStatic && (text || first is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_String }) => "Split",
                "Trim" or "TrimStart" or "TrimEnd" when !method.IsStatic && parameters.Length == 1 && first is IArrayTypeSymbol => method.Name,
                _ => null,
            };
        }

        return IsStringBuilder(type) && method.Name == "Replace" && parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_String
            ? "Replace"
            : type.ToDisplayString() == "System.Linq.Enumerable" && method.Name is "Range" or "Repeat"
            ? method.Name
            : null;
    }

    // MemoryExtensions searches of one span in another cost both lengths multiplied, like string searches,
    // but take spans, which a budgeted wrapper cannot receive as the library does; the string methods are budgeted.
    private static string? SpanSearch(IMethodSymbol method) =>
        method.ContainingType.ToDisplayString() == "System.MemoryExtensions"
        && method.Name is "IndexOf" or "LastIndexOf" or "IndexOfAny" or "LastIndexOfAny" or "IndexOfAnyExcept" or "LastIndexOfAnyExcept"
            or "ContainsAny" or "ContainsAnyExcept" or "Count" or "Split" or "SplitAny" or "Trim" or "TrimStart" or "TrimEnd" or "Replace"
        && method.Parameters.Count(p => IsSpan(p.Type)) >= 2
            ? $"'{Display(method)}' is not available to rules: its cost grows with both spans at once; use the string method, which is budgeted"
            : null;

    private static bool CallsLibrary(IOperation? call) => call switch
    {
        IInvocationOperation invocation => IsLibrary(invocation.TargetMethod.ReducedFrom ?? invocation.TargetMethod, invocation.SemanticModel!.Compilation.Assembly),
        IObjectCreationOperation { Constructor: { } constructor } creation => IsLibrary(constructor, creation.SemanticModel!.Compilation.Assembly),
        _ => false,
    };

    // An interface that promises no count (IEnumerable<T>, IOrderedEnumerable<T>): it may be lazy, and then infinite.
    private static bool IsLazy(ITypeSymbol type) =>
        type.TypeKind == TypeKind.Interface
        && !type.AllInterfaces.Append(type).OfType<INamedTypeSymbol>().Any(i => i.ConstructedFrom.SpecialType is SpecialType.System_Collections_Generic_ICollection_T or SpecialType.System_Collections_Generic_IReadOnlyCollection_T);

    private static ITypeSymbol? ElementOf(ITypeSymbol type) =>
        type.AllInterfaces.Append(type).OfType<INamedTypeSymbol>()
            .FirstOrDefault(i => i.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)?.TypeArguments[0];

    /// <summary>Whether hashing or comparing one value of a type can cost more than a few instructions: text, or anything that may hold text.</summary>
    /// <param name="type">The type.</param>
    /// <returns>Whether its cost grows with its content.</returns>
    public static bool CostGrows(ITypeSymbol type) => CostGrows(type, 0);

    private static bool CostGrows(ITypeSymbol type, int depth) => depth < 8 && type switch
    {
        { SpecialType: SpecialType.System_String or SpecialType.System_Object } => true,
        ITypeParameterSymbol or IDynamicTypeSymbol => true,
        { TypeKind: TypeKind.Interface } => true,
        INamedTypeSymbol { IsTupleType: true } tuple => tuple.TupleElements.Any(e => CostGrows(e.Type, depth + 1)),
        INamedTypeSymbol { IsAnonymousType: true } anonymous => anonymous.GetMembers().OfType<IPropertySymbol>().Any(p => CostGrows(p.Type, depth + 1)),
        INamedTypeSymbol { IsValueType: true, IsGenericType: true } generic => generic.TypeArguments.Any(a => CostGrows(a, depth + 1)),
        { TypeKind: TypeKind.Enum } => false,
        // Types the rule declares may hold text; the SDK's snapshots come from the host, the library's types compare by reference or by value of fixed size.
        INamedTypeSymbol named => named.ContainingAssembly?.Name.StartsWith("MarketpilotRule_", StringComparison.Ordinal) == true,
        _ => false,
    };

    private static bool IsLibrary(IMethodSymbol method, IAssemblySymbol ruleAssembly) =>
        method.MethodKind is not (MethodKind.LocalFunction or MethodKind.AnonymousFunction or MethodKind.DelegateInvoke)
        && method.ContainingType is { } type
        && !SymbolEqualityComparer.Default.Equals(type.ContainingAssembly, ruleAssembly)
        && type.ContainingNamespace?.ToDisplayString().StartsWith("Marketpilot.", StringComparison.Ordinal) != true;

    // What the budgeted wrappers take: arrays and IEnumerable<T> (not spans, which cannot become IEnumerable<T>).
    private static bool IsSequence(ITypeSymbol type) =>
        type is IArrayTypeSymbol
        || (type is INamedTypeSymbol { IsGenericType: true } named && named.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);

    private static bool IsSpan(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named && named.ConstructedFrom.ToDisplayString() is "System.ReadOnlySpan<T>" or "System.Span<T>";

    private static bool IsDeferredSequence(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && (named.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T
            || named.ConstructedFrom.ToDisplayString() is "System.Linq.IOrderedEnumerable<TElement>");

    private static bool IsCharSpan(ITypeSymbol type) =>
        IsSpan(type) && ((INamedTypeSymbol)type).TypeArguments[0].SpecialType == SpecialType.System_Char;

    private static bool IsEqualityComparer(IParameterSymbol parameter) =>
        parameter.Type is INamedTypeSymbol { IsGenericType: true, MetadataName: "IEqualityComparer`1" } named
        && named.ContainingNamespace.ToDisplayString() == "System.Collections.Generic";

    // A type the rewriter can write out: no anonymous type and no type parameter anywhere in it.
    /// <summary>Whether C# can spell the type in the rule's code: not an anonymous type or a type parameter, nor built of one.</summary>
    /// <param name="type">The type.</param>
    /// <returns>Whether it can be written out.</returns>
    public static bool Nameable(ITypeSymbol type) => type switch
    {
        { IsAnonymousType: true } or ITypeParameterSymbol => false,
        IArrayTypeSymbol array => Nameable(array.ElementType),
        INamedTypeSymbol named => named.TypeArguments.All(Nameable),
        _ => true,
    };

    private static bool IsStringComparison(ITypeSymbol type) => type.ToDisplayString() == "System.StringComparison";

    private static bool IsStringBuilder(ITypeSymbol type) => type.ToDisplayString() == "System.Text.StringBuilder";

    private static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
