using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// What a rule's patterns ask of the compiler, from the syntax alone. The compiler turns a <c>switch</c> (or an
/// <c>is</c> pattern) into a decision graph whose states are the combinations of test results still possible, and
/// checks every arm against them: a switch on a tuple of six values with sixty arms of <c>&gt; a and &lt; b</c> has more
/// such combinations than the compiler can visit in minutes. The cost of one switch is the product, over each position
/// its patterns test (a tuple element, a property, a list index, nested to any depth), of the number of distinct
/// tests at that position plus one: an upper bound on the combinations, and exactly what grows with the width of the
/// tuple and the number of arms together. The width alone matters too (eleven values with two tests each, 177,000 by
/// that product, took a second), so a switch of several arms may test only so many positions.
/// </summary>
internal static class PatternCost
{
    /// <summary>Every switch and <c>is</c> pattern of a rule, with its cost and the number of positions its arms test.</summary>
    /// <param name="root">The rule.</param>
    /// <returns>The switches (or <c>is</c> expressions), in the order of the text.</returns>
    public static IEnumerable<(SyntaxNode Node, long Cost, int Positions)> Of(SyntaxNode root)
    {
        foreach (var node in root.DescendantNodes())
        {
            var labels = node is SwitchStatementSyntax statement ? statement.Sections.SelectMany(s => s.Labels).ToList() : [];
            IReadOnlyList<PatternSyntax>? patterns = node switch
            {
                SwitchExpressionSyntax expression => [.. expression.Arms.Select(a => a.Pattern)],
                SwitchStatementSyntax => [.. labels.OfType<CasePatternSwitchLabelSyntax>().Select(l => l.Pattern)],
                IsPatternExpressionSyntax test => [test.Pattern],
                _ => null,
            };
            if (patterns is not null)
            {
                var (cost, positions) = Of(patterns, labels.OfType<CaseSwitchLabelSyntax>().Count());
                yield return (node, cost, positions);
            }
        }
    }

    /// <summary>Adds two costs, saturating instead of overflowing.</summary>
    /// <param name="a">One cost.</param>
    /// <param name="b">The other.</param>
    /// <returns>The sum, at most <see cref="long.MaxValue"/>.</returns>
    public static long Saturated(long a, long b) => a > long.MaxValue - b ? long.MaxValue : a + b;

    // One arm is tested in sequence: its tests. Several arms: the product over positions, and the positions tested (a multi-arm switch's width).
    private static (long Cost, int Positions) Of(IReadOnlyList<PatternSyntax> patterns, int constantCases)
    {
        var tests = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var pattern in patterns)
        {
            Collect(pattern, string.Empty, tests);
        }

        if (patterns.Count + constantCases <= 1)
        {
            return (tests.Values.Sum(t => (long)t.Count), 0);
        }

        var cost = (long)constantCases + 1;
        foreach (var distinct in tests.Values)
        {
            cost = cost > long.MaxValue / (distinct.Count + 1) ? long.MaxValue : cost * (distinct.Count + 1);
        }

        return (cost, tests.Count);
    }

    // The tests a pattern makes, by the position they test. Patterns nest no deeper than the syntax depth bound, checked first.
    private static void Collect(PatternSyntax pattern, string position, Dictionary<string, HashSet<string>> tests)
    {
        switch (pattern)
        {
            case ParenthesizedPatternSyntax parenthesized:
                Collect(parenthesized.Pattern, position, tests);
                break;
            case BinaryPatternSyntax binary:
                Collect(binary.Left, position, tests);
                Collect(binary.Right, position, tests);
                break;
            case UnaryPatternSyntax unary:
                Collect(unary.Pattern, position, tests);
                break;
            case RecursivePatternSyntax recursive:
                if (recursive.Type is { } type)
                {
                    Add(tests, position, type.ToString());
                }

                var index = 0;
                foreach (var element in recursive.PositionalPatternClause?.Subpatterns ?? default)
                {
                    Collect(element.Pattern, $"{position}/{index++}", tests);
                }

                foreach (var property in recursive.PropertyPatternClause?.Subpatterns ?? default)
                {
                    Collect(property.Pattern, $"{position}.{property.ExpressionColon?.Expression}", tests);
                }

                break;
            case ListPatternSyntax list:
                Add(tests, position, "[" + list.Patterns.Count);
                var at = 0;
                foreach (var element in list.Patterns)
                {
                    Collect(element, $"{position}[{at++}", tests);
                }

                break;
            case SlicePatternSyntax { Pattern: { } slice }:
                Collect(slice, position + "..", tests);
                break;
            case VarPatternSyntax or DiscardPatternSyntax or SlicePatternSyntax:
                break;
            default:
                // Constants, relational and type patterns, declarations: one test each.
                Add(tests, position, pattern.ToString());
                break;
        }
    }

    private static void Add(Dictionary<string, HashSet<string>> tests, string position, string test)
    {
        if (!tests.TryGetValue(position, out var distinct))
        {
            tests[position] = distinct = new HashSet<string>(StringComparer.Ordinal);
        }

        distinct.Add(test);
    }
}
