using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// The symbol allowlist applied to the bound rule: every symbol a name or member access binds to,
/// every type an expression has or is converted to, and every method the compiler calls on the
/// rule's behalf (operators, conversions, <c>foreach</c> enumerators, deconstruction, collection
/// builders, implicit indexers), checked against <see cref="SymbolAllowlist"/>.
/// </summary>
internal static class SemanticCheck
{
    public static IReadOnlyList<RuleDiagnostic> Check(SemanticModel model, SyntaxTree tree, string path)
    {
        var assembly = model.Compilation.Assembly;
        var found = new List<RuleDiagnostic>();
        var nesting = new ValueNesting(assembly);
        var seen = new HashSet<(int, int, string)>();

        void Report(SyntaxNode node, string message, string code = SandboxDiagnostics.NotAvailable)
        {
            var diagnostic = SandboxDiagnostics.Error(path, node.GetLocation(), code, message);
            if (seen.Add((diagnostic.Line, diagnostic.Column, message)))
            {
                found.Add(diagnostic);
            }
        }

        void CheckType(SyntaxNode node, ITypeSymbol? type)
        {
            if (type is IDynamicTypeSymbol)
            {
                Report(node, "'dynamic' is not available to rules", SandboxDiagnostics.FeatureNotAvailable);
            }
            else if (type is IPointerTypeSymbol or IFunctionPointerTypeSymbol)
            {
                Report(node, "pointers are not available to rules", SandboxDiagnostics.FeatureNotAvailable);
            }
            else if (SymbolAllowlist.RefusedType(type, assembly) is { } refused)
            {
                Report(node, $"'{Display(refused)}' is not available to rules");
            }
            else if (nesting.Refusal(type) is { } nested)
            {
                Report(node, nested, SandboxDiagnostics.FeatureNotAvailable);
            }
        }

        void CheckSymbol(SyntaxNode node, ISymbol? symbol)
        {
            switch (symbol)
            {
                case null or INamespaceSymbol or ILabelSymbol or IPreprocessingSymbol:
                    return;
                case ITypeSymbol type:
                    CheckType(node, type);
                    return;
                case IAliasSymbol alias:
                    CheckSymbol(node, alias.Target);
                    return;
                case ILocalSymbol local:
                    CheckType(node, local.Type);
                    return;
                case IParameterSymbol parameter:
                    CheckType(node, parameter.Type);
                    return;
                case IRangeVariableSymbol or IDiscardSymbol:
                    return;
                case IEventSymbol:
                    Report(node, $"'{Display(symbol)}' is not available to rules");
                    return;
            }

            var method = symbol as IMethodSymbol;
            if (method is { MethodKind: MethodKind.LocalFunction or MethodKind.AnonymousFunction })
            {
                return;
            }

            if (symbol.ContainingType is { } containing && SymbolAllowlist.RefusedType(containing, assembly) is { } refusedType)
            {
                Report(node, $"'{Display(refusedType)}' is not available to rules");
                return;
            }

            if (!SymbolAllowlist.IsAllowedMember(symbol, assembly))
            {
                Report(node, $"'{Display(symbol)}' is not available to rules");
                return;
            }

            if (method is not null)
            {
                foreach (var argument in method.TypeArguments)
                {
                    CheckType(node, argument);
                }
            }
        }

        // Operations are walked a whole body at a time (far cheaper than asking for each node's); nodes
        // outside any body (parameter defaults, base-constructor arguments) are asked one by one.
        var walkedUntil = -1;
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var info = model.GetSymbolInfo(node);
            CheckSymbol(node, info.Symbol);
            foreach (var candidate in info.CandidateSymbols)
            {
                CheckSymbol(node, candidate);
            }

            if (node is ExpressionSyntax or TypeSyntax)
            {
                var type = model.GetTypeInfo(node);
                CheckType(node, type.Type);
                CheckType(node, type.ConvertedType);
            }

            switch (node)
            {
                case ForEachStatementSyntax loop:
                    var each = model.GetForEachStatementInfo(loop);
                    CheckSymbol(loop.Expression, each.GetEnumeratorMethod);
                    CheckSymbol(loop.Expression, each.MoveNextMethod);
                    CheckSymbol(loop.Expression, each.CurrentProperty);
                    break;
                case ForEachVariableStatementSyntax loop:
                    var eachVariable = model.GetForEachStatementInfo(loop);
                    CheckSymbol(loop.Expression, eachVariable.GetEnumeratorMethod);
                    CheckSymbol(loop.Expression, eachVariable.CurrentProperty);
                    break;
                case AssignmentExpressionSyntax { Left: TupleExpressionSyntax or DeclarationExpressionSyntax } assignment:
                    CheckDeconstruction(assignment.Left, model.GetDeconstructionInfo(assignment));
                    break;
                case VariableDeclaratorSyntax or SingleVariableDesignationSyntax or LocalFunctionStatementSyntax:
                    var declared = model.GetDeclaredSymbol(node);
                    CheckSymbol(node, declared);
                    if (declared is IFieldSymbol { IsStatic: true, IsReadOnly: true } table && StaticTableCheck.CheckType(table.Type) is { } notATable)
                    {
                        Report(node, notATable, SandboxDiagnostics.FeatureNotAvailable);
                    }

                    break;
                case TypeDeclarationSyntax:
                    var declaredType = model.GetDeclaredSymbol(node) as INamedTypeSymbol;
                    CheckType(node, declaredType);
                    if (declaredType is { BaseType: { } baseType } && !SymbolAllowlist.IsGeneratedClass(declaredType) && baseType.ContainingNamespace.ToDisplayString().StartsWith("Marketpilot", StringComparison.Ordinal))
                    {
                        Report(node, $"a rule's types may not derive from '{Display(baseType)}'", SandboxDiagnostics.FeatureNotAvailable);
                    }

                    break;
            }

            if (node.SpanStart < walkedUntil)
            {
                continue;
            }

            if (node is BlockSyntax or ArrowExpressionClauseSyntax or EqualsValueClauseSyntax && model.GetOperation(node) is { } body)
            {
                foreach (var operation in body.DescendantsAndSelf())
                {
                    CheckOperation(operation.Syntax, operation);
                }

                walkedUntil = node.Span.End;
            }
            else if (model.GetOperation(node) is { } operation && operation.Syntax == node)
            {
                CheckOperation(node, operation);
            }
        }

        found.AddRange(FrameSizeCheck.Check(model, tree, path));
        return found;

        void CheckDeconstruction(SyntaxNode node, DeconstructionInfo info)
        {
            CheckSymbol(node, info.Method);
            foreach (var nested in info.Nested)
            {
                CheckDeconstruction(node, nested);
            }
        }

        void CheckOperation(SyntaxNode node, IOperation operation)
        {
            CheckType(node, operation.Type);
            if (operation is IDeclarationPatternOperation or ITypePatternOperation or IRecursivePatternOperation
                && operation is IPatternOperation typePattern && IsDowncast(typePattern.InputType, typePattern.NarrowedType))
            {
                Report(node, "type patterns that cast to a more specific type are not available to rules: the host's read-only lists stay read-only", SandboxDiagnostics.FeatureNotAvailable);
            }

            switch (operation)
            {
                case IInvocationOperation invocation:
                    CheckSymbol(node, invocation.TargetMethod);
                    if (LibraryCallGuard.For(invocation, assembly, node is InvocationExpressionSyntax { Expression: MemberBindingExpressionSyntax }) is { Kind: LibraryCallGuardKind.Refused } guard)
                    {
                        Report(node, guard.Reason!);
                    }

                    foreach (var argument in invocation.Arguments)
                    {
                        // TryFormat takes its format as a span: a string constant converted.
                        var value = argument.Value is IConversionOperation { IsImplicit: true, Operand.ConstantValue.HasValue: true } converted ? converted.Operand : argument.Value;
                        if (argument.Parameter is { Name: "format" } parameter && !IsBoundedFormat(value.ConstantValue)
                            && (parameter.Type.SpecialType == SpecialType.System_String
                                || (parameter.Type.ToDisplayString() == "System.ReadOnlySpan<char>" && argument.ArgumentKind != ArgumentKind.DefaultValue)))
                        {
                            Report(node, "format strings must be constants without widths or precisions over 1000", SandboxDiagnostics.FeatureNotAvailable);
                        }
                    }

                    break;
                case IInterpolationOperation interpolation:
                    if ((interpolation.Alignment is { } alignment && (!alignment.ConstantValue.HasValue || Math.Abs(Convert.ToInt64(alignment.ConstantValue.Value, System.Globalization.CultureInfo.InvariantCulture)) > 1000))
                        || (interpolation.FormatString is { } format && !IsBoundedFormat(format.ConstantValue)))
                    {
                        Report(node, "interpolation widths and precisions over 1000 are not available to rules", SandboxDiagnostics.FeatureNotAvailable);
                    }

                    break;
                case IObjectCreationOperation creation:
                    CheckSymbol(node, creation.Constructor);
                    break;
                case IFieldReferenceOperation { Field: { IsStatic: true, IsReadOnly: true, IsConst: false } field } table
                    when SymbolEqualityComparer.Default.Equals(field.ContainingAssembly, assembly):
                    if (StaticTableCheck.CheckUse(table) is { } misuse)
                    {
                        Report(node, misuse, SandboxDiagnostics.FeatureNotAvailable);
                    }

                    break;
                case IMethodReferenceOperation reference when LibraryCallGuard.MethodGroup(reference.Method, assembly) is { } methodGroup:
                    Report(node, methodGroup, SandboxDiagnostics.FeatureNotAvailable);
                    break;
                case IMemberReferenceOperation reference:
                    CheckSymbol(node, reference.Member);
                    break;
                case IConversionOperation conversion:
                    CheckSymbol(node, conversion.OperatorMethod);
                    if (!conversion.IsImplicit && conversion.Conversion.IsReference && IsDowncast(conversion.Operand.Type, conversion.Type))
                    {
                        Report(node, "casting to a more specific type is not available to rules: the host's read-only lists stay read-only", SandboxDiagnostics.FeatureNotAvailable);
                    }

                    break;

                case IBinaryOperation binary:
                    CheckSymbol(node, binary.OperatorMethod);
                    break;
                case IUnaryOperation unary:
                    CheckSymbol(node, unary.OperatorMethod);
                    break;
                case ICompoundAssignmentOperation compound:
                    CheckSymbol(node, compound.OperatorMethod);
                    break;
                case IIncrementOrDecrementOperation increment:
                    CheckSymbol(node, increment.OperatorMethod);
                    break;
                case ICollectionExpressionOperation collection:
                    CheckSymbol(node, collection.ConstructMethod);
                    break;
                case IImplicitIndexerReferenceOperation indexer:
                    CheckSymbol(node, indexer.IndexerSymbol);
                    CheckSymbol(node, indexer.LengthSymbol);
                    break;
                case IRecursivePatternOperation pattern:
                    CheckSymbol(node, pattern.DeconstructSymbol);
                    break;
                case IArrayCreationOperation { DimensionSizes.Length: > 1 }:
                    Report(node, "multi-dimensional arrays are not available to rules; use arrays of arrays", SandboxDiagnostics.FeatureNotAvailable);
                    break;
                case IDynamicInvocationOperation or IDynamicMemberReferenceOperation or IDynamicObjectCreationOperation or IDynamicIndexerAccessOperation:
                    Report(node, "'dynamic' is not available to rules", SandboxDiagnostics.FeatureNotAvailable);
                    break;
            }
        }
    }

    // A reference conversion from a type to one of its subtypes (an interface to a class, object to
    // an array): the only way to reach the mutable collection behind an IReadOnlyList.
    private static bool IsDowncast(ITypeSymbol? from, ITypeSymbol? to) =>
        from is not null && to is not null && to.IsReferenceType && !SymbolEqualityComparer.Default.Equals(from, to)
        && !IsSubtype(from, to);

    private static bool IsSubtype(ITypeSymbol type, ITypeSymbol of)
    {
        for (var current = type; current is not null; current = current.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(current, of))
            {
                return true;
            }
        }

        return type.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, of)) || of.SpecialType == SpecialType.System_Object;
    }

    // A format such as "D999999999" or "{0,999999999}" builds a string of that length in one library call.
    private static bool IsBoundedFormat(Optional<object?> format) =>
        format is { HasValue: true, Value: null or string }
        && System.Text.RegularExpressions.Regex.Matches((string?)format.Value ?? string.Empty, "[0-9]+").All(m => m.Length <= 3);

    private static string Display(ISymbol symbol) =>
        symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
}
