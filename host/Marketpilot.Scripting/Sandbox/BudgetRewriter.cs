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
/// <item>an allocation check on every array size, and budgeted <c>Enumerable.Range</c>/<c>Repeat</c>.</item>
/// </list>
/// Nothing it inserts contains a line break, so the rule's line numbers stay as they were.
/// </summary>
internal sealed class BudgetRewriter(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Budget = "global::Marketpilot.Scripting.Runtime.RuleBudget";

    private static readonly StatementSyntax Tick = Statement($"{Budget}.Tick();");
    private static readonly StatementSyntax Enter = Statement($"{Budget}.Enter();");
    private static readonly ExpressionSyntax NotStopped = ParseExpression($"!{Budget}.IsStopped");

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
        return visited.WithBody(body.WithTrailingTrivia(visited.SemicolonToken.TrailingTrivia)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var visited = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return visited.WithBlock(Guard(visited.Block, Expression(visited.ArrowToken, visited.ExpressionBody), ReturnsVoid(node), false)).WithExpressionBody(null);
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var visited = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return visited.WithBlock(Guard(visited.Block, Expression(visited.ArrowToken, visited.ExpressionBody), ReturnsVoid(node), false)).WithExpressionBody(null);
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
        if (model.GetOperation(node) is IInvocationOperation { TargetMethod: { ContainingType.SpecialType: SpecialType.System_String } stringMethod } invocation
            && StringAmplifier(stringMethod, invocation) is { } wrapper
            && (stringMethod.IsStatic || visited.Expression is MemberAccessExpressionSyntax))
        {
            // Calls that can build a string far larger than their inputs: checked against the allocation budget as they go.
            var arguments = visited.ArgumentList.Arguments.Select(a => a.WithNameColon(null));
            var receiver = stringMethod.IsStatic ? [] : new[] { Argument(((MemberAccessExpressionSyntax)visited.Expression).Expression.WithoutTrivia()) };
            return Parenthesized(InvocationExpression(ParseExpression($"{Budget}.{wrapper}"), ArgumentList(SeparatedList(receiver.Concat(arguments)))), visited);
        }

        if (model.GetSymbolInfo(node).Symbol is IMethodSymbol { IsStatic: true, Name: "Range" or "Repeat" } method
            && method.ContainingType.ToDisplayString() == "System.Linq.Enumerable")
        {
            var target = method.Name == "Repeat" && method.TypeArguments.Length == 1
                ? $"{Budget}.Repeat<{method.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)}>"
                : $"{Budget}.{method.Name}";
            return Parenthesized(visited.WithExpression(ParseExpression(target)).WithoutTrivia(), visited);
        }

        return visited;
    }

    // In parentheses, so that "global::" never meets an interpolation hole, where ':' starts a format.
    private static ExpressionSyntax Parenthesized(ExpressionSyntax replacement, SyntaxNode original) =>
        ParenthesizedExpression(replacement.WithoutTrivia()).WithTriviaFrom(original);

    private static string? StringAmplifier(IMethodSymbol method, IInvocationOperation invocation)
    {
        var parameters = method.Parameters;
        var expanded = invocation.Arguments.Any(a => a.ArgumentKind == ArgumentKind.ParamArray || a.ArgumentKind == ArgumentKind.ParamCollection);
        if (expanded)
        {
            return null;
        }

        return method.Name switch
        {
            "Join" when parameters.Length == 2 && IsSequence(parameters[1].Type) => "Join",
            "Concat" when parameters.Length == 1 && IsSequence(parameters[0].Type) => "Concat",
            "Replace" when !method.IsStatic && parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_String => "Replace",
            _ => null,
        };
    }

    private static bool IsSequence(ITypeSymbol type) =>
        type is IArrayTypeSymbol
        || (type is INamedTypeSymbol { IsGenericType: true } named && named.ConstructedFrom.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T);

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

    private static BlockSyntax Guard(BlockSyntax? block, ExpressionSyntax? expression, bool returnsVoid, bool iterator)
    {
        var statements = block is not null
            ? block
            : expression is ThrowExpressionSyntax thrown
            ? Block(ThrowStatement(Token(thrown.GetLeadingTrivia(), SyntaxKind.ThrowKeyword, TriviaList(Space)), thrown.Expression, Token(SyntaxKind.SemicolonToken)))
            : Block(returnsVoid
                ? ExpressionStatement(expression!)
                : ReturnStatement(Token(expression!.GetLeadingTrivia(), SyntaxKind.ReturnKeyword, TriviaList(Space)), expression.WithoutLeadingTrivia(), Token(SyntaxKind.SemicolonToken)));
        if (iterator)
        {
            return statements.WithStatements(statements.Statements.Insert(0, Tick));
        }

        var leave = Block(Statement($"{Budget}.Leave();"));
        return Block(Enter, TryStatement(statements, default, FinallyClause(leave)));
    }

    private bool ReturnsVoid(SyntaxNode lambda) =>
        model.GetSymbolInfo(lambda).Symbol is IMethodSymbol { ReturnsVoid: true };

    private static bool IsIterator(LocalFunctionStatementSyntax function) =>
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
