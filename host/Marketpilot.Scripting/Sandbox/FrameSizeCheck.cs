using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Bounds the stack one call of rule code can take, at compile time: value types (tuples above all,
/// which nest without limit through aliases) may be at most <see cref="MaxValueTypeBytes"/>, and the
/// locals and parameters of one function, lambda or the script's body at most <see cref="MaxFrameBytes"/>
/// together. The run-time stack probe in every budget check then catches deep recursion before a single
/// frame could jump past the end of the stack.
/// </summary>
internal static class FrameSizeCheck
{
    /// <summary>The largest value type rules may use: sixteen <see langword="decimal"/>s.</summary>
    public const int MaxValueTypeBytes = 256;

    /// <summary>The most stack the locals and parameters of one function may take.</summary>
    public const int MaxFrameBytes = 16 * 1024;

    public static IEnumerable<RuleDiagnostic> Check(SemanticModel model, SyntaxTree tree, string path)
    {
        var reported = new HashSet<(int, ITypeSymbol)>(new LineAndType());
        var frames = new Dictionary<SyntaxNode, long>();
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            if (tree.GetLineVisibility(node.SpanStart) != LineVisibility.Visible)
            {
                continue;
            }

            if (node is ExpressionSyntax or TypeSyntax && model.GetTypeInfo(node).Type is { IsValueType: true } type
                && SizeOf(type, 0) is > MaxValueTypeBytes and var size
                && reported.Add((node.GetLocation().GetLineSpan().StartLinePosition.Line, type)))
            {
                yield return SandboxDiagnostics.Error(path, node.GetLocation(), SandboxDiagnostics.FeatureNotAvailable, string.Create(
                    CultureInfo.InvariantCulture,
                    $"value types larger than {MaxValueTypeBytes} bytes are not available to rules: '{type.ToDisplayString()}' takes {size} bytes of stack in every call that holds one; use a class, a record or a list"));
            }

            var declared = node switch
            {
                VariableDeclaratorSyntax or SingleVariableDesignationSyntax or ForEachStatementSyntax or CatchDeclarationSyntax or ParameterSyntax => model.GetDeclaredSymbol(node),
                _ => null,
            };
            var local = declared switch
            {
                ILocalSymbol symbol => symbol.Type,
                IParameterSymbol symbol => symbol.Type,
                _ => null,
            };
            if (local is null || Frame(node) is not { } frame)
            {
                continue;
            }

            var total = frames[frame] = frames.GetValueOrDefault(frame) + (local.IsValueType ? SizeOf(local, 0) : 8);
            if (total > MaxFrameBytes && total - SizeOf(local, 0) <= MaxFrameBytes)
            {
                yield return SandboxDiagnostics.Error(path, node.GetLocation(), SandboxDiagnostics.FeatureNotAvailable, string.Create(
                    CultureInfo.InvariantCulture,
                    $"a function's locals and parameters may take at most {MaxFrameBytes} bytes of stack; these take {total}: split the function, or keep large values in a list"));
            }
        }
    }

    // The function whose frame holds a local: the nearest local function, lambda or method (the script's body).
    private static SyntaxNode? Frame(SyntaxNode node)
    {
        var start = node is ParameterSyntax ? node.Parent?.Parent : node.Parent;
        return start?.AncestorsAndSelf().FirstOrDefault(n => n is LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax or BaseMethodDeclarationSyntax or AccessorDeclarationSyntax);
    }

    /// <summary>An estimate of a type's size on the stack, never below the real one for the types rules can name.</summary>
    /// <param name="type">The type.</param>
    /// <param name="depth">How deeply nested in another value type; deep nesting is refused by the nesting limit anyway.</param>
    /// <returns>Bytes.</returns>
    internal static long SizeOf(ITypeSymbol type, int depth)
    {
        if (!type.IsValueType)
        {
            return 8;
        }

        switch (type.SpecialType)
        {
            case SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte:
                return 1;
            case SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16:
                return 2;
            case SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single:
                return 4;
            case SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double or SpecialType.System_DateTime
                or SpecialType.System_IntPtr or SpecialType.System_UIntPtr:
                return 8;
            case SpecialType.System_Decimal:
                return 16;
        }

        if (type is not INamedTypeSymbol named || depth > 64)
        {
            return 16;
        }

        if (named.EnumUnderlyingType is { } underlying)
        {
            return SizeOf(underlying, depth + 1);
        }

        if (named.IsTupleType)
        {
            return Math.Max(8, named.TupleElements.Sum(e => SizeOf(e.Type, depth + 1)));
        }

        // Library structs keep their fields private, which the compiler does not import: their type arguments and a word of their own.
        var fields = named.GetMembers().OfType<IFieldSymbol>().Where(f => !f.IsStatic && !f.IsConst).Sum(f => SizeOf(f.Type, depth + 1));
        var arguments = named.TypeArguments.Sum(a => SizeOf(a, depth + 1));
        return Math.Max(fields, arguments + 16);
    }

    private sealed class LineAndType : IEqualityComparer<(int Line, ITypeSymbol Type)>
    {
        public bool Equals((int Line, ITypeSymbol Type) x, (int Line, ITypeSymbol Type) y) =>
            x.Line == y.Line && SymbolEqualityComparer.Default.Equals(x.Type, y.Type);

        public int GetHashCode((int Line, ITypeSymbol Type) obj) => HashCode.Combine(obj.Line, SymbolEqualityComparer.Default.GetHashCode(obj.Type));
    }
}
