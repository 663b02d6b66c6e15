using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Bounds the shape of a parsed rule before anything binds it, so that the compiler and the sandbox's
/// own walkers stay fast and within their stacks: the depth of the syntax tree, the nesting of
/// interpolated strings and of lambdas (both cost the compiler exponential time), what patterns ask of
/// the compiler's decision graphs (<see cref="PatternCost"/>), and the length of the string constants the compiler would fold.
/// </summary>
/// <remarks>
/// Every measure here is taken iteratively, or recursively only within a tree already known to be
/// shallow, so no crafted script can exhaust the stack of the check itself.
/// </remarks>
internal sealed class InputBoundsCheck : IRuleSourceCheck
{
    /// <summary>The deepest syntax tree a rule may have: a 100-branch else-if chain is about 210 deep.</summary>
    public const int MaxSyntaxDepth = 256;

    /// <summary>How deeply interpolated strings may nest inside each other's holes; binding grows exponentially with it.</summary>
    public const int MaxInterpolationNesting = 4;

    /// <summary>How deeply lambdas and anonymous methods may nest: overload resolution binds an inner lambda once per candidate of every enclosing call, so the cost grows exponentially with it.</summary>
    public const int MaxLambdaNesting = 6;

    /// <summary>
    /// The most binding work nested lambdas and interpolated strings may ask of the compiler. An interpolated
    /// string inside another costs 2 to the power of its depth plus one (4 one level in, 8 two levels in); a
    /// lambda inside another costs twice that (8, 16, …), because the compiler binds it once per overload of
    /// every call around it; those at the top level cost nothing. The limit keeps the densest admitted rule's
    /// check near a second (docs/performance.md).
    /// </summary>
    public const int MaxNestedBindingCost = 256;

    /// <summary>
    /// The most combinations of pattern tests a rule's switches and <c>is</c> patterns may ask the compiler to tell apart
    /// (<see cref="PatternCost"/>): a switch on three values with sixty arms of two tests each is about 1.8 million and checks
    /// in a fifth of a second; one on six values with sixty arms took the compiler's worker past its 30 s deadline.
    /// </summary>
    public const long MaxPatternCost = 2_000_000;

    /// <summary>How many values (tuple elements, properties, list indices) a switch of several arms may test: with ten, a million combinations took a second.</summary>
    public const int MaxSwitchPositions = 6;

    /// <summary>The longest string constant the compiler may fold, in characters: a bound on the memory folding takes, not on time.</summary>
    public const int MaxConstantLength = 64 * 1024;

    public IEnumerable<RuleDiagnostic> Check(CompilationUnitSyntax root, string path)
    {
        if (TooDeep(root) is { } deep)
        {
            // Nothing else may walk a tree this deep: report it alone.
            return [Refuse(path, deep.AncestorsAndSelf().OfType<MemberDeclarationSyntax>().LastOrDefault() ?? deep, string.Create(CultureInfo.InvariantCulture, $"this code is nested more than {MaxSyntaxDepth} levels deep; split it into smaller expressions, statements or functions"))];
        }

        var found = new List<RuleDiagnostic>();
        foreach (var interpolated in root.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>())
        {
            if (interpolated.Ancestors().OfType<InterpolatedStringExpressionSyntax>().Count() == MaxInterpolationNesting)
            {
                found.Add(Refuse(path, interpolated, string.Create(CultureInfo.InvariantCulture, $"interpolated strings may be nested at most {MaxInterpolationNesting} deep")));
            }
        }

        var bindingCost = 0L;
        foreach (var lambda in root.DescendantNodes().OfType<AnonymousFunctionExpressionSyntax>())
        {
            var depth = lambda.Ancestors().OfType<AnonymousFunctionExpressionSyntax>().Count();
            bindingCost += 2 * NestingCost(depth);
            if (depth == MaxLambdaNesting)
            {
                found.Add(Refuse(path, lambda, string.Create(CultureInfo.InvariantCulture, $"lambdas may be nested at most {MaxLambdaNesting} deep; move the inner ones into local functions")));
            }
        }

        bindingCost += root.DescendantNodes().OfType<InterpolatedStringExpressionSyntax>()
            .Sum(interpolated => NestingCost(interpolated.Ancestors().OfType<InterpolatedStringExpressionSyntax>().Count()));
        if (found.Count == 0 && bindingCost > MaxNestedBindingCost)
        {
            found.Add(Refuse(path, root, string.Create(CultureInfo.InvariantCulture, $"this rule nests lambdas and interpolated strings more than the compiler can bind quickly (cost {bindingCost}, at most {MaxNestedBindingCost}; a lambda nested one level deep costs 8, two levels 16, an interpolated string half that): move inner lambdas into local functions")));
        }

        var patternCost = 0L;
        foreach (var (node, cost, positions) in PatternCost.Of(root))
        {
            if (positions > MaxSwitchPositions)
            {
                found.Add(Refuse(path, node, string.Create(CultureInfo.InvariantCulture, $"this switch tests {positions} values at once (tuple elements, properties, list indices); at most {MaxSwitchPositions}: the compiler's work grows exponentially with them; split it, or switch on fewer values")));
                break;
            }

            patternCost = PatternCost.Saturated(patternCost, cost);
            if (patternCost > MaxPatternCost)
            {
                found.Add(Refuse(path, node, string.Create(CultureInfo.InvariantCulture, $"the patterns up to here ask the compiler to tell apart more than {MaxPatternCost} combinations of tests (a switch costs the product, over each tuple element, property or list index its arms test, of the distinct tests there plus one): split the switch, or test fewer values at once")));
                break;
            }
        }

        found.AddRange(new ConstantLengths(root).Oversized().Select(node =>
            Refuse(path, node, string.Create(CultureInfo.InvariantCulture, $"this expression builds a string constant of more than {MaxConstantLength} characters at compile time"))));
        return found;
    }

    // What one nested lambda or interpolated string costs the binder: nothing at the top level, then doubling with each level.
    private static long NestingCost(int depth) => depth == 0 ? 0 : 2L << Math.Min(depth, 30);

    // The first node below the maximum depth, found with an explicit stack.
    private static SyntaxNode? TooDeep(SyntaxNode root)
    {
        var pending = new Stack<(SyntaxNode Node, int Depth)>();
        pending.Push((root, 0));
        while (pending.Count > 0)
        {
            var (node, depth) = pending.Pop();
            if (depth > MaxSyntaxDepth)
            {
                return node;
            }

            foreach (var child in node.ChildNodes())
            {
                pending.Push((child, depth + 1));
            }
        }

        return null;
    }

    private static RuleDiagnostic Refuse(string path, SyntaxNode node, string message) =>
        SandboxDiagnostics.Error(path, node.GetFirstToken().GetLocation(), SandboxDiagnostics.TooLarge, message);

    /// <summary>
    /// An upper bound on the length of the string constant each expression folds to, from the syntax
    /// alone: literals count their length, a name counts the length of a string constant of that name
    /// (any scope, so shadowing can only overestimate), <c>+</c> and interpolation add up, <c>?:</c>
    /// takes the longer branch. A few references to a long constant are how a small script asks the
    /// compiler for gigabytes.
    /// </summary>
    private sealed class ConstantLengths(CompilationUnitSyntax root)
    {
        private readonly Dictionary<string, List<ExpressionSyntax>> _constants = Constants(root);
        private readonly Dictionary<SyntaxNode, long> _lengths = [];
        private readonly HashSet<string> _resolving = new(StringComparer.Ordinal);

        public IEnumerable<SyntaxNode> Oversized()
        {
            // Outermost first; once an expression is reported its parts are not.
            var reported = new List<SyntaxNode>();
            foreach (var expression in root.DescendantNodes().OfType<ExpressionSyntax>())
            {
                if (reported.Any(r => r.FullSpan.Contains(expression.FullSpan)) || Length(expression) <= MaxConstantLength)
                {
                    continue;
                }

                reported.Add(expression);
                yield return expression;
            }
        }

        private long Length(ExpressionSyntax expression)
        {
            if (_lengths.TryGetValue(expression, out var known))
            {
                return known;
            }

            var length = expression switch
            {
                LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression or (int)SyntaxKind.Utf8StringLiteralExpression } literal => literal.Token.ValueText.Length,
                IdentifierNameSyntax name => OfConstant(name.Identifier.ValueText),
                MemberAccessExpressionSyntax access => OfConstant(access.Name.Identifier.ValueText),
                BinaryExpressionSyntax { RawKind: (int)SyntaxKind.AddExpression } sum => Add(Length(sum.Left), Length(sum.Right)),
                ParenthesizedExpressionSyntax parenthesized => Length(parenthesized.Expression),
                CastExpressionSyntax cast => Length(cast.Expression),
                ConditionalExpressionSyntax conditional => Math.Max(Length(conditional.WhenTrue), Length(conditional.WhenFalse)),
                InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.Aggregate(0L, (total, part) => Add(total, part switch
                {
                    InterpolatedStringTextSyntax text => text.TextToken.ValueText.Length,
                    InterpolationSyntax hole => Length(hole.Expression),
                    _ => 0,
                })),
                _ => 0,
            };
            _lengths[expression] = length;
            return length;
        }

        private long OfConstant(string name)
        {
            if (!_constants.TryGetValue(name, out var initializers) || !_resolving.Add(name))
            {
                return 0;
            }

            var length = initializers.Max(Length);
            _resolving.Remove(name);
            return length;
        }

        private static long Add(long a, long b) => Math.Min(a + b, long.MaxValue / 4);

        private static Dictionary<string, List<ExpressionSyntax>> Constants(CompilationUnitSyntax root)
        {
            var constants = new Dictionary<string, List<ExpressionSyntax>>(StringComparer.Ordinal);
            foreach (var declaration in root.DescendantNodes().OfType<VariableDeclarationSyntax>())
            {
                var isConstant = declaration.Parent switch
                {
                    LocalDeclarationStatementSyntax local => local.IsConst,
                    BaseFieldDeclarationSyntax field => field.Modifiers.Any(SyntaxKind.ConstKeyword),
                    _ => false,
                };
                if (!isConstant)
                {
                    continue;
                }

                foreach (var variable in declaration.Variables)
                {
                    if (variable.Initializer is { Value: { } value })
                    {
                        var name = variable.Identifier.ValueText;
                        if (!constants.TryGetValue(name, out var values))
                        {
                            constants[name] = values = [];
                        }

                        values.Add(value);
                    }
                }
            }

            return constants;
        }
    }
}
