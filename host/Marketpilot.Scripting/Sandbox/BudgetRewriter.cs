using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Injects the run-time budget checks into a rule that passed the sandbox checks:
/// <list type="bullet">
/// <item>a step at the start of every loop body and before every <c>goto</c>;</item>
/// <item>a depth guard (<c>Enter</c>, and <c>Leave</c> in a <c>finally</c>) around the body of every lambda,
/// anonymous method and local function (iterators count a step only);</item>
/// <item>a filter on every <c>catch</c> so it never catches a budget stop, and a guard that skips every
/// <c>finally</c> body once the budget is spent;</item>
/// <item>an allocation check on every array size and <c>StringBuilder.Length</c>, and the budgeted wrappers
/// and after-checks that <see cref="LibraryCallGuard"/> decides for library calls, string building,
/// copying constructors and collection expressions with spreads.</item>
/// </list>
/// Nothing it inserts contains a line break, so the rule's line numbers stay as they were.
/// </summary>
internal sealed class BudgetRewriter(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Budget = "global::Marketpilot.Scripting.Runtime.RuleBudget";

    private static readonly StatementSyntax Tick = Statement($"{Budget}.Tick();");
    private static readonly StatementSyntax Enter = Statement($"{Budget}.Enter();");
    private static readonly ExpressionSyntax NotStopped = ParseExpression($"!{Budget}.IsStopped");
    private static readonly StatementSyntax AllocatedStatement = Statement($"{Budget}.Allocated();");
    private static readonly AttributeListSyntax NoInlining = AttributeList(SingletonSeparatedList(Attribute(
        ParseName("global::System.Runtime.CompilerServices.MethodImpl"),
        ParseAttributeArgumentList("(global::System.Runtime.CompilerServices.MethodImplOptions.NoInlining)")))).WithTrailingTrivia(Space);

    // Marks a void library call (or a ?. chain around one) whose statement gets an allocation check after it.
    private static readonly SyntaxAnnotation CheckAfter = new("marketpilot-check-after");

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var visited = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, Tick));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var visited = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, Tick));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var visited = (ForStatementSyntax)base.VisitForStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, Tick));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var visited = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, Tick));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var visited = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return visited.WithStatement(Prepend(visited.Statement, Tick));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        var visited = (GotoStatementSyntax)base.VisitGotoStatement(node)!;
        return Block(Tick, visited.WithoutTrivia()).WithTriviaFrom(visited);
    }

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var visited = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        var filter = visited.Filter is { } existing
            ? existing.WithFilterExpression(BinaryExpression(SyntaxKind.LogicalAndExpression, NotStopped, ParenthesizedExpression(existing.FilterExpression)))
            : CatchFilterClause(NotStopped).WithLeadingTrivia(Space);
        if (visited.Declaration is null)
        {
            visited = visited.WithDeclaration(CatchDeclaration(ParseTypeName("global::System.Exception")).WithLeadingTrivia(Space));
        }

        return visited.WithFilter(filter).WithBlock(visited.Block.WithStatements(visited.Block.Statements.Insert(0, Tick)));
    }

    public override SyntaxNode? VisitFinallyClause(FinallyClauseSyntax node)
    {
        var visited = (FinallyClauseSyntax)base.VisitFinallyClause(node)!;
        var guarded = IfStatement(NotStopped, visited.Block.WithoutTrivia());
        return visited.WithBlock(Block(guarded).WithTriviaFrom(visited.Block));
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var visited = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        var returnsVoid = visited.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword };
        var body = Guard(visited.Body, Expression(visited.ExpressionBody), returnsVoid, IsIterator(node));
        var guarded = visited.WithBody(body.WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia)).WithExpressionBody(null).WithSemicolonToken(default);

        // Never inlined, so a failure inside it is reported at its own line (and file, for a loaded helper), not the caller's.
        return guarded.WithoutLeadingTrivia().AddAttributeLists(NoInlining).WithLeadingTrivia(visited.GetLeadingTrivia());
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var visited = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;

        // The generated Execute runs armed already.
        return node.Parent is ClassDeclarationSyntax { Identifier.ValueText: RuleSourceBuilder.ClassName }
            ? visited
            : Guarded(visited, visited.ReturnType is PredefinedTypeSyntax { Keyword.RawKind: (int)SyntaxKind.VoidKeyword }, IsIterator(node));
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node) =>
        Guarded((BaseMethodDeclarationSyntax)base.VisitConstructorDeclaration(node)!, true, false);

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node) =>
        Guarded((BaseMethodDeclarationSyntax)base.VisitOperatorDeclaration(node)!, false, false);

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node) =>
        Guarded((BaseMethodDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!, false, false);

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var visited = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        if (visited.Body is null && visited.ExpressionBody is null)
        {
            return visited;
        }

        var returnsValue = node.IsKind(SyntaxKind.GetAccessorDeclaration);
        return visited.WithBody(Guard(visited.Body, Expression(visited.ExpressionBody), !returnsValue, returnsValue && IsIterator(node)).WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia))
            .WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var visited = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        return visited.ExpressionBody is { } body
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(GetterOf(body, node))
            : visited;
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var visited = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        return visited.ExpressionBody is { } body
            ? visited.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(GetterOf(body, node))
            : visited;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        var body = KeysText(node) && visited.ExpressionBody is { } key ? Call("Key", key) : visited.ExpressionBody;
        return visited.WithBlock(Guard(visited.Block, Expression(visited.ArrowToken, body), ReturnsVoid(node), false)).WithExpressionBody(null);
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        var body = KeysText(node) && visited.ExpressionBody is { } key ? Call("Key", key) : visited.ExpressionBody;
        return visited.WithBlock(Guard(visited.Block, Expression(visited.ArrowToken, body), ReturnsVoid(node), false)).WithExpressionBody(null);
    }

    public override SyntaxNode? VisitReturnStatement(ReturnStatementSyntax node)
    {
        var visited = (ReturnStatementSyntax)base.VisitReturnStatement(node)!;
        return visited.Expression is { } value
            && node.Ancestors().FirstOrDefault(a => a is AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax) is LambdaExpressionSyntax lambda && KeysText(lambda)
            ? visited.WithExpression(Call("Key", value))
            : visited;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var visited = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return visited.WithBlock(Guard(visited.Block, null, ReturnsVoid(node), false));
    }

    public override SyntaxNode? VisitArrayRankSpecifier(ArrayRankSpecifierSyntax node)
    {
        var visited = (ArrayRankSpecifierSyntax)base.VisitArrayRankSpecifier(node)!;
        if (node.Parent?.Parent is not ArrayCreationExpressionSyntax creation || model.GetTypeInfo(creation).Type is not IArrayTypeSymbol array)
        {
            return visited;
        }

        var size = ElementSize(array.ElementType);
        return visited.WithSizes(SeparatedList(visited.Sizes.Select(s => s is OmittedArraySizeExpressionSyntax
            ? s
            : (ExpressionSyntax)InvocationExpression(
                ParseExpression($"{Budget}.ArrayLength"),
                ArgumentList(SeparatedList([Argument(s), Argument(LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(size)))]))))));
    }

    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var visited = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (model.GetOperation(node) is not IInvocationOperation invocation)
        {
            return visited;
        }

        var conditional = node.Expression is MemberBindingExpressionSyntax;
        var guard = LibraryCallGuard.For(invocation, model.Compilation.Assembly, conditional);
        var method = invocation.TargetMethod;
        visited = visited.WithArgumentList(WithKeyComparer(visited.ArgumentList, node, method, invocation.Arguments)!);
        if (invocation.Arguments is [{ Syntax: not ArgumentSyntax } receiver, ..] && visited.Expression is MemberAccessExpressionSyntax extended
            && LibraryCallGuard.CountsSequence(receiver))
        {
            // items.ToHashSet(): the extension method's receiver is the sequence it consumes.
            visited = visited.WithExpression(extended.WithExpression(Counted(extended.Expression)));
        }

        if (!conditional && LibraryCallGuard.ComparesTexts(invocation) is { Collection.Syntax: var collection, Sorts: var sorts })
        {
            var sortsLiteral = LiteralExpression(sorts ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
            if (collection == (node.Expression as MemberAccessExpressionSyntax)?.Expression && visited.Expression is MemberAccessExpressionSyntax access)
            {
                // names.Sort(): the receiver is the collection compared.
                visited = visited.WithExpression(access.WithExpression(Call("Scanned", access.Expression, sortsLiteral)));
            }
            else if (collection.Parent is ArgumentSyntax argument && node.ArgumentList.Arguments.IndexOf(argument) is >= 0 and var index)
            {
                // Array.Sort(names): the first argument is.
                var arguments = visited.ArgumentList.Arguments;
                visited = visited.WithArgumentList(visited.ArgumentList.WithArguments(arguments.Replace(arguments[index], arguments[index].WithExpression(Call("Scanned", arguments[index].Expression, sortsLiteral)))));
            }
        }

        switch (guard.Kind)
        {
            case LibraryCallGuardKind.Wrapped when method.IsStatic:
                // Enumerable.Range/Repeat and string.Join/Concat: the same arguments, to the budgeted version.
                // Repeat's element type as the call has it, where it can be spelled (an anonymous one is inferred the same way again).
                var target = method.Name == "Repeat" && method.TypeArguments.Length == 1 && LibraryCallGuard.Nameable(method.TypeArguments[0])
                    ? $"{Budget}.Repeat<{method.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}>"
                    : $"{Budget}.{guard.Wrapper}";
                return Replacement(
                    InvocationExpression(ParseExpression(target), ArgumentList(SeparatedList(visited.ArgumentList.Arguments.Select(a => a.WithNameColon(null))))),
                    node);
            case LibraryCallGuardKind.Wrapped when visited.Expression is MemberAccessExpressionSyntax access:
                // text.Replace(a, b) becomes RuleBudget.Replace(text, a, b).
                var arguments = visited.ArgumentList.Arguments.Select(a => a.WithNameColon(null)).Prepend(Argument(access.Expression.WithoutTrivia()));
                return Replacement(InvocationExpression(ParseExpression($"{Budget}.{guard.Wrapper}"), ArgumentList(SeparatedList(arguments))), node);
            case LibraryCallGuardKind.CheckedAfter when !conditional && !method.ReturnsVoid:
                return Replacement(Allocated(visited.WithoutTrivia()), node);
            case LibraryCallGuardKind.CheckedAfter:
                // A void call, or one inside ?. : the statement (or the ?. expression) around it is checked instead.
                return visited.WithAdditionalAnnotations(CheckAfter);
            default:
                return visited;
        }
    }

    public override SyntaxNode? VisitConditionalAccessExpression(ConditionalAccessExpressionSyntax node)
    {
        var visited = (ConditionalAccessExpressionSyntax)base.VisitConditionalAccessExpression(node)!;
        if (!visited.WhenNotNull.DescendantNodesAndSelf(n => n is not (AnonymousFunctionExpressionSyntax or ConditionalAccessExpressionSyntax) || n == visited.WhenNotNull)
            .Any(n => n.HasAnnotation(CheckAfter)))
        {
            return visited;
        }

        return model.GetTypeInfo(node).Type is { SpecialType: not SpecialType.System_Void, IsReferenceType: true }
            ? Replacement(Allocated(visited.WithoutTrivia()), node)
            : visited.WithAdditionalAnnotations(CheckAfter);
    }

    public override SyntaxNode? VisitExpressionStatement(ExpressionStatementSyntax node)
    {
        var visited = (ExpressionStatementSyntax)base.VisitExpressionStatement(node)!;
        return visited.Expression.HasAnnotation(CheckAfter)
            ? Block(visited.WithoutTrivia(), AllocatedStatement).WithTriviaFrom(visited)
            : visited;
    }

    public override SyntaxNode? VisitBinaryExpression(BinaryExpressionSyntax node)
    {
        var visited = base.VisitBinaryExpression(node)!;
        // A whole chain a + b + c is one concatenation: its parts are summed and checked before it is built.
        var inChain = node.Parent is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } parent
            && model.GetTypeInfo(parent).Type?.SpecialType == SpecialType.System_String;
        if (inChain || !LibraryCallGuard.CheckAfterStringBuilding(model.GetOperation(node)))
        {
            return visited;
        }

        var parts = new List<ExpressionSyntax>();
        Flatten(node, (BinaryExpressionSyntax)visited, parts);
        return Replacement(InvocationExpression(ParseExpression($"{Budget}.Concatenate"), ArgumentList(SeparatedList(parts.Select(p => Argument(p.WithoutTrivia()))))), node);
    }

    public override SyntaxNode? VisitInterpolatedStringExpression(InterpolatedStringExpressionSyntax node)
    {
        var visited = base.VisitInterpolatedStringExpression(node)!;
        return LibraryCallGuard.CheckAfterStringBuilding(model.GetOperation(node))
            ? Replacement(Allocated((ExpressionSyntax)visited.WithoutTrivia()), node)
            : visited;
    }

    public override SyntaxNode? VisitInterpolation(InterpolationSyntax node)
    {
        var visited = (InterpolationSyntax)base.VisitInterpolation(node)!;
        // Text holes are counted before the string is built; numbers and dates format to a few characters.
        return IsText(node.Expression) && node.Parent is InterpolatedStringExpressionSyntax whole && !model.GetConstantValue(whole).HasValue
            ? visited.WithExpression(Call("Part", visited.Expression))
            : visited;
    }

    public override SyntaxNode? VisitArgument(ArgumentSyntax node)
    {
        var visited = (ArgumentSyntax)base.VisitArgument(node)!;
        if (model.GetOperation(node) is IArgumentOperation argument && LibraryCallGuard.CountsSequence(argument))
        {
            return visited.WithExpression(Counted(visited.Expression));
        }

        // string.Format("{0}{0}{0}", text) copies text once per hole that shows it, string.Concat(a, b, ...) each
        // part once: counted before the string is built.
        var times = FormatHoles(node) is > 0 and var holes ? holes : BuildsText(node) ? Repeats(node) : 0;
        return times > 0 && IsText(node.Expression)
            ? visited.WithExpression(Call("Part", visited.Expression, LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(times))))
            : visited;
    }

    public override SyntaxNode? VisitFromClause(FromClauseSyntax node)
    {
        var visited = (FromClauseSyntax)base.VisitFromClause(node)!;
        return node.Type is null && LibraryCallGuard.CountsQuerySource(model.GetTypeInfo(node.Expression).Type)
            ? visited.WithExpression(Counted(visited.Expression))
            : visited;
    }

    public override SyntaxNode? VisitJoinClause(JoinClauseSyntax node)
    {
        var visited = (JoinClauseSyntax)base.VisitJoinClause(node)!;
        return node.Type is null && LibraryCallGuard.CountsQuerySource(model.GetTypeInfo(node.InExpression).Type)
            ? visited.WithInExpression(Counted(visited.InExpression))
            : visited;
    }

    public override SyntaxNode? VisitSpreadElement(SpreadElementSyntax node)
    {
        var visited = (SpreadElementSyntax)base.VisitSpreadElement(node)!;
        return model.GetTypeInfo(node.Expression).Type is { IsRefLikeType: false } type
            && type.AllInterfaces.Append(type).OfType<INamedTypeSymbol>().FirstOrDefault(i => i.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T) is { } sequence
            ? visited.WithExpression(Call("Spread", visited.Expression, LiteralExpression(SyntaxKind.NumericLiteralExpression, Literal(ElementSize(sequence.TypeArguments[0])))))
            : visited;
    }

    public override SyntaxNode? VisitAssignmentExpression(AssignmentExpressionSyntax node)
    {
        var visited = (AssignmentExpressionSyntax)base.VisitAssignmentExpression(node)!;
        var operation = model.GetOperation(node);
        if (operation is IAssignmentOperation assignment && LibraryCallGuard.IsLengthOfStringBuilder(assignment.Target))
        {
            // sb.Length = n pads with n characters in one call: checked before, like an array size.
            var right = visited.Right;
            return visited.WithRight(InvocationExpression(ParseExpression($"{Budget}.Chars"), ArgumentList(SingletonSeparatedList(Argument(right.WithoutTrivia())))).WithTriviaFrom(right));
        }

        return LibraryCallGuard.CheckAfterStringBuilding(operation)
            ? Replacement(Allocated(visited.WithoutTrivia()), node)
            : visited;
    }

    public override SyntaxNode? VisitObjectCreationExpression(ObjectCreationExpressionSyntax node)
    {
        var visited = (ObjectCreationExpressionSyntax)base.VisitObjectCreationExpression(node)!;
        if (model.GetOperation(node) is not IObjectCreationOperation { Constructor: { } constructor } creation)
        {
            return visited;
        }

        visited = visited.WithArgumentList(WithKeyComparer(visited.ArgumentList, node, constructor, creation.Arguments));
        return LibraryCallGuard.CheckAfterCreation(creation, model.Compilation.Assembly)
            ? Replacement(Allocated(visited.WithoutTrivia()), node)
            : visited;
    }

    public override SyntaxNode? VisitImplicitObjectCreationExpression(ImplicitObjectCreationExpressionSyntax node)
    {
        var visited = (ImplicitObjectCreationExpressionSyntax)base.VisitImplicitObjectCreationExpression(node)!;
        if (model.GetOperation(node) is not IObjectCreationOperation { Type: { } type, Constructor: { } constructor } creation)
        {
            return visited;
        }

        visited = visited.WithArgumentList(WithKeyComparer(visited.ArgumentList, node, constructor, creation.Arguments)!);
        return LibraryCallGuard.CheckAfterCreation(creation, model.Compilation.Assembly)
            ? Replacement(Allocated(visited.WithoutTrivia(), type), node)
            : visited;
    }

    public override SyntaxNode? VisitCollectionExpression(CollectionExpressionSyntax node)
    {
        var visited = (ExpressionSyntax)base.VisitCollectionExpression(node)!;
        if (!InStaticTable(node) && model.GetOperation(node) is ICollectionExpressionOperation { Type: INamedTypeSymbol { IsGenericType: true } set }
            && set.ConstructedFrom.ToDisplayString() == "System.Collections.Generic.HashSet<T>"
            && LibraryCallGuard.KeyComparer(set.InstanceConstructors.First(c => c.Parameters.IsEmpty), [], model.Compilation.Assembly) is { Key: { } element })
        {
            // HashSet<T> s = [..]: built by the library's Add, with the library's comparer; built from the elements with the budgeted one instead.
            var built = ParseExpression($"new global::System.Collections.Generic.HashSet<{element}>((global::System.Collections.Generic.IEnumerable<{element}>)elements, {Budget}.Keys<{element}>())");
            var elements = built.DescendantNodes().OfType<IdentifierNameSyntax>().First(n => n.Identifier.ValueText == "elements");
            visited = ParenthesizedExpression(built.ReplaceNode(elements, visited.WithoutTrivia())).WithTriviaFrom(visited);
        }

        // [.. a, .. a] copies its spreads: checked after, with its target type spelled out (it has no type of its own).
        return node.Elements.Any(e => e is SpreadElementSyntax)
            && model.GetOperation(node) is ICollectionExpressionOperation { Type: INamedTypeSymbol { IsRefLikeType: false } type }
            && !type.TypeArguments.Any(a => a.IsAnonymousType)
            ? Replacement(Allocated((ExpressionSyntax)visited.WithoutTrivia(), type), node)
            : visited;
    }

    // Hashed collections and hashing LINQ operators get the budgeted key comparer (LibraryCallGuard.KeyComparer). A static
    // table's initialiser keeps the library's: its keys are constants of the rule's text, and it runs once, not in an evaluation.
    private ArgumentListSyntax? WithKeyComparer(ArgumentListSyntax? arguments, SyntaxNode original, IMethodSymbol method, IEnumerable<IArgumentOperation> bound)
    {
        if (InStaticTable(original) || LibraryCallGuard.KeyComparer(method, bound, model.Compilation.Assembly) is not { } keys)
        {
            return arguments;
        }

        // A key type that cannot be spelled (anonymous, or a tuple holding one) gets a comparer of its own type all the same,
        // typed from what the call is given, so that it does not change what the call infers. Where the call shows no source
        // for it, IEqualityComparer<object> serves a reference type (and makes the call infer object for it).
        var keysOfTheirType = keys.Key is not null ? ParseExpression($"{Budget}.Keys<{keys.Key}>()")
            : KeysOfType(method, bound, keys.KeyType) ?? (keys.KeyType.IsReferenceType ? ParseExpression($"{Budget}.Keys<object>()") : null);
        if (keysOfTheirType is null)
        {
            return arguments;
        }

        var comparer = Argument(keysOfTheirType).WithNameColon(NameColon(IdentifierName(keys.Parameter)).WithTrailingTrivia(Space));
        return (arguments ?? ArgumentList()).AddArguments(comparer);
    }

    // RuleBudget.KeysLike(false ? source : default) when the keys are a sequence's elements, RuleBudget.KeysBy(false ? source :
    // default, keySelector) when a selector over a sequence returns them: typed by what the call itself is given, with
    // nothing evaluated twice (the source never, the selector never invoked). Null when the call shows neither.
    private static ExpressionSyntax? KeysOfType(IMethodSymbol method, IEnumerable<IArgumentOperation> bound, ITypeSymbol key)
    {
        var index = method.TypeArguments.IndexOf(key, 0, SymbolEqualityComparer.Default);
        if (method.MethodKind == MethodKind.Constructor || index < 0)
        {
            return null;
        }

        var definition = method.OriginalDefinition;
        var keyParameter = definition.TypeParameters[index];
        var arguments = bound.ToList();
        ExpressionSyntax? ArgumentOf(IParameterSymbol parameter) =>
            arguments.FirstOrDefault(a => a.Parameter?.Ordinal == parameter.Ordinal && a.ArgumentKind == ArgumentKind.Explicit)?.Syntax switch
            {
                ArgumentSyntax argument => argument.Expression,
                ExpressionSyntax receiver => receiver,
                _ => null,
            };
        ExpressionSyntax? SourceOf(ITypeSymbol element) =>
            definition.Parameters.FirstOrDefault(p => p.Type is INamedTypeSymbol { Name: "IEnumerable", TypeArguments: [var of] } && SymbolEqualityComparer.Default.Equals(of, element)) is { } source
            && ArgumentOf(source) is { } expression && !DeclaresOutsideLambdas(expression)
                ? ParenthesizedExpression(ConditionalExpression(
                    LiteralExpression(SyntaxKind.FalseLiteralExpression),
                    ParenthesizedExpression(OnOneLine(expression)),
                    LiteralExpression(SyntaxKind.DefaultLiteralExpression, Token(SyntaxKind.DefaultKeyword))))
                : null;

        if (SourceOf(keyParameter) is { } elements)
        {
            return Call("KeysLike", elements);
        }

        foreach (var parameter in definition.Parameters)
        {
            if (parameter.Type is INamedTypeSymbol { Name: "Func", TypeArguments: [var from, var to] } && SymbolEqualityComparer.Default.Equals(to, keyParameter)
                && SourceOf(from) is { } source && ArgumentOf(parameter) is { } selector)
            {
                return Call("KeysBy", source, OnOneLine(selector));
            }
        }

        return null;
    }

    // A second copy of a piece of the rule, its line breaks and comments made spaces: what the rewriter inserts must not
    // move the rule's lines.
    private static ExpressionSyntax OnOneLine(ExpressionSyntax expression)
    {
        var bare = expression.WithoutTrivia();
        return bare.ReplaceTrivia(bare.DescendantTrivia(), (_, _) => Space);
    }

    // A variable declared in the expression itself (out var, a pattern), not inside a lambda of it: a second copy would
    // declare it twice.
    private static bool DeclaresOutsideLambdas(ExpressionSyntax expression) =>
        expression.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax).OfType<SingleVariableDesignationSyntax>().Any();

    private static bool InStaticTable(SyntaxNode node) =>
        node.Ancestors().OfType<FieldDeclarationSyntax>().Any(f => f.Modifiers.Any(SyntaxKind.StaticKeyword));

    // The operands of a chain a + b + c, left to right: strings as they are, anything else as the text the concatenation would use.
    private void Flatten(ExpressionSyntax original, ExpressionSyntax visited, List<ExpressionSyntax> parts)
    {
        if (original is BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } binary && visited is BinaryExpressionSyntax rewritten
            && model.GetTypeInfo(binary).Type?.SpecialType == SpecialType.System_String)
        {
            Flatten(binary.Left, rewritten.Left, parts);
            Flatten(binary.Right, rewritten.Right, parts);
            return;
        }

        var type = model.GetTypeInfo(original).Type;
        parts.Add(type is null
            ? ParseExpression("default(string)")
            : type.SpecialType == SpecialType.System_String
            ? visited
            : Call("Text", visited));
    }

    private bool IsText(ExpressionSyntax expression) =>
        model.GetTypeInfo(expression).Type is { IsRefLikeType: false } type && (type.IsReferenceType || type is ITypeParameterSymbol)
        && !model.GetConstantValue(expression).HasValue;

    // How many holes of the constant format of the call this argument belongs to show it; 0 when it is not a formatted argument.
    private int FormatHoles(ArgumentSyntax node)
    {
        if (node.Parent is not ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list || model.GetOperation(call) is not IInvocationOperation invocation)
        {
            return 0;
        }

        var format = invocation.Arguments.FirstOrDefault(a => a.Parameter is { Name: "format", Type.SpecialType: SpecialType.System_String });
        if (format is null || format.Value.ConstantValue is not { HasValue: true, Value: string text } || format.Syntax is not ArgumentSyntax formatSyntax)
        {
            return 0;
        }

        var position = list.Arguments.IndexOf(node) - list.Arguments.IndexOf(formatSyntax) - 1;
        if (position < 0)
        {
            return 0;
        }

        var holes = System.Text.RegularExpressions.Regex.Matches(text, @"\{\s*([0-9]+)");
        var named = list.Arguments.Any(a => a.NameColon is not null);
        return holes.Count(m => named || m.Groups[1].Value == position.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    // A lambda that hands the library a string (or a tuple that may hold one) for each element (a key to sort, group or hash by): the
    // library compares or hashes each one in its own loop, at a cost of its length, so the length is charged.
    private bool KeysText(LambdaExpressionSyntax lambda) =>
        lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax call } }
        && model.GetSymbolInfo(lambda).Symbol is IMethodSymbol { ReturnsVoid: false, ReturnType: var returned } && LibraryCallGuard.CostGrows(returned)
        && model.GetOperation(call) is IInvocationOperation invocation
        && LibraryCallGuard.For(invocation, model.Compilation.Assembly, conditional: false).Kind != LibraryCallGuardKind.Refused
        && invocation.TargetMethod.ContainingType?.ContainingNamespace?.ToDisplayString().StartsWith("Marketpilot.", StringComparison.Ordinal) != true;

    // An argument of a library call on strings or string builders that copies its arguments into its result (Concat, Join, Append, Insert).
    private bool BuildsText(ArgumentSyntax node) =>
        node.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax call }
        && model.GetOperation(call) is IInvocationOperation invocation
        && invocation.TargetMethod.ContainingType?.SpecialType == SpecialType.System_String | invocation.TargetMethod.ContainingType?.ToDisplayString() == "System.Text.StringBuilder"
        && LibraryCallGuard.For(invocation, model.Compilation.Assembly, call.Expression is MemberBindingExpressionSyntax).Kind == LibraryCallGuardKind.CheckedAfter;

    // string.Join(separator, a, b, c) copies its separator between every two parts.
    private int Repeats(ArgumentSyntax node) =>
        node.Parent is ArgumentListSyntax { Parent: InvocationExpressionSyntax call } list
        && model.GetOperation(call) is IInvocationOperation invocation
        && invocation.Arguments.FirstOrDefault(a => a.Syntax == node)?.Parameter?.Name == "separator"
            ? Math.Max(1, list.Arguments.Count - 2)
            : 1;

    private static ExpressionSyntax Counted(ExpressionSyntax expression) => Call("Counted", expression);

    private static ExpressionSyntax Call(string name, ExpressionSyntax expression, ExpressionSyntax? second = null) =>
        ParenthesizedExpression(InvocationExpression(
            ParseExpression($"{Budget}.{name}"),
            ArgumentList(second is null ? SingletonSeparatedList(Argument(expression.WithoutTrivia())) : SeparatedList([Argument(expression.WithoutTrivia()), Argument(second)]))))
        .WithTriviaFrom(expression);

    private static ExpressionSyntax Allocated(ExpressionSyntax expression, ITypeSymbol? type = null) =>
        InvocationExpression(
            ParseExpression(type is null ? $"{Budget}.Allocated" : $"{Budget}.Allocated<{type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}>"),
            ArgumentList(SingletonSeparatedList(Argument(expression))));

    // In parentheses, so that "global::" never starts an interpolation hole, where ':' starts a format;
    // except where C# wants a statement expression, which parentheses are not.
    private static ExpressionSyntax Replacement(ExpressionSyntax replacement, SyntaxNode original) =>
        (original.Parent is ExpressionStatementSyntax or ForStatementSyntax ? replacement.WithoutTrivia() : ParenthesizedExpression(replacement.WithoutTrivia()))
            .WithTriviaFrom(original);

    private static StatementSyntax Statement(string text) => ParseStatement(text).WithoutTrivia();

    private static BlockSyntax Prepend(StatementSyntax body, StatementSyntax first) =>
        body is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, first))
            : Block(first, body.WithoutTrailingTrivia()).WithTrailingTrivia(body.GetTrailingTrivia());

    // An expression body without its arrow, keeping the arrow's line breaks so the lines stay where they were.
    private static ExpressionSyntax? Expression(ArrowExpressionClauseSyntax? clause) =>
        clause is null ? null : Expression(clause.ArrowToken, clause.Expression);

    private static ExpressionSyntax? Expression(SyntaxToken arrow, ExpressionSyntax? expression) =>
        expression?.WithLeadingTrivia(arrow.LeadingTrivia.AddRange(arrow.TrailingTrivia).AddRange(expression.GetLeadingTrivia()));

    // A member of a type the rule declares, with its body guarded like a local function's; abstract and partial ones have none.
    private static BaseMethodDeclarationSyntax Guarded(BaseMethodDeclarationSyntax member, bool returnsVoid, bool iterator) =>
        member.Body is null && member.ExpressionBody is null
            ? member
            : member.WithBody(Guard(member.Body, Expression(member.ExpressionBody), returnsVoid, iterator).WithTrailingTrivia(member.SemicolonToken.TrailingTrivia))
                .WithExpressionBody(null)
                .WithSemicolonToken(default);

    // An expression-bodied property or indexer (int X => ...) as a guarded getter.
    private static AccessorListSyntax GetterOf(ArrowExpressionClauseSyntax body, SyntaxNode member) =>
        AccessorList(SingletonList(AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Guard(null, Expression(body), false, IsIterator(member)))));

    private static BlockSyntax Guard(BlockSyntax? block, ExpressionSyntax? expression, bool returnsVoid, bool iterator)
    {
        var statements = block is not null
            ? block
            : expression is ThrowExpressionSyntax thrown
            ? Block(ThrowStatement(Token(thrown.GetLeadingTrivia(), SyntaxKind.ThrowKeyword, TriviaList(Space)), thrown.Expression, Token(SyntaxKind.SemicolonToken)))
            : returnsVoid
            ? Block(StatementOf(expression!))
            : Block(ReturnStatement(Token(expression!.GetLeadingTrivia(), SyntaxKind.ReturnKeyword, TriviaList(Space)), expression.WithoutLeadingTrivia(), Token(SyntaxKind.SemicolonToken)));
        if (iterator)
        {
            return statements.WithStatements(statements.Statements.Insert(0, Tick));
        }

        var leave = Block(Statement($"{Budget}.Leave();"));
        return Block(Enter, TryStatement(statements, default, FinallyClause(leave)));
    }

    // A void lambda's expression body as statements: without the parentheses a wrapper added, and with
    // the allocation check a void library call needs after it.
    private static StatementSyntax[] StatementOf(ExpressionSyntax expression)
    {
        var bare = expression is ParenthesizedExpressionSyntax { Expression: InvocationExpressionSyntax inner } ? inner.WithTriviaFrom(expression) : expression;
        return bare.HasAnnotation(CheckAfter) ? [ExpressionStatement(bare), AllocatedStatement] : [ExpressionStatement(bare)];
    }

    private bool ReturnsVoid(SyntaxNode lambda) =>
        model.GetSymbolInfo(lambda).Symbol is IMethodSymbol { ReturnsVoid: true };

    private static bool IsIterator(SyntaxNode function) =>
        function.DescendantNodes(n => n == function || n is not (LocalFunctionStatementSyntax or AnonymousFunctionExpressionSyntax))
            .OfType<YieldStatementSyntax>()
            .Any();

    private static int ElementSize(ITypeSymbol type) => type.SpecialType switch
    {
        SpecialType.System_Boolean or SpecialType.System_Byte or SpecialType.System_SByte => 1,
        SpecialType.System_Char or SpecialType.System_Int16 or SpecialType.System_UInt16 => 2,
        SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Single => 4,
        SpecialType.System_Int64 or SpecialType.System_UInt64 or SpecialType.System_Double or SpecialType.System_DateTime => 8,
        SpecialType.System_Decimal => 16,
        _ when type.IsReferenceType => 8,
        _ => 16,
    };
}
