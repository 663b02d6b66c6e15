using Microsoft.CodeAnalysis;
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

        var type = method.ContainingType.OriginalDefinition;
        var expanded = invocation.Arguments.Any(a => a.ArgumentKind is ArgumentKind.ParamArray or ArgumentKind.ParamCollection);
        var parameters = method.Parameters;
        var wrapper = type.SpecialType == SpecialType.System_String && !expanded
            ? method.Name switch
            {
                "Join" when parameters.Length == 2 && IsSequence(parameters[1].Type) => "Join",
                "Concat" when parameters.Length == 1 && IsSequence(parameters[0].Type) => "Concat",
                "Replace" when !method.IsStatic && parameters[0].Type.SpecialType == SpecialType.System_String
                    && (parameters.Length == 2 || (parameters.Length == 3 && IsStringComparison(parameters[2].Type))) => "Replace",
                _ => null,
            }
            : IsStringBuilder(type) && method.Name == "Replace" && parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_String
            ? "Replace"
            : type.ToDisplayString() == "System.Linq.Enumerable" && method.Name is "Range" or "Repeat"
            ? method.Name
            : null;
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

    /// <summary>Whether creating an object with these arguments may copy a large input (<c>new List&lt;T&gt;(items)</c>), so it is checked after.</summary>
    /// <param name="creation">The bound creation.</param>
    /// <param name="ruleAssembly">The rule's own assembly.</param>
    /// <returns>Whether to check allocations after it.</returns>
    public static bool CheckAfterCreation(IObjectCreationOperation creation, IAssemblySymbol ruleAssembly) =>
        creation.Constructor is { } constructor && IsLibrary(constructor, ruleAssembly)
        && constructor.Parameters.Any(p => p.Type.IsReferenceType) && creation.Type is { IsAnonymousType: false };

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

        return !method.IsStatic || method.Parameters.Any(p => p.Type.IsReferenceType);
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

    private static bool IsStringComparison(ITypeSymbol type) => type.ToDisplayString() == "System.StringComparison";

    private static bool IsStringBuilder(ITypeSymbol type) => type.ToDisplayString() == "System.Text.StringBuilder";

    private static string Display(ISymbol symbol) => symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
