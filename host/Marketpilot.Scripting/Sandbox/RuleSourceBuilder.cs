using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>
/// Turns a parsed <c>.csx</c> script into an ordinary C# class deriving from
/// <see cref="Runtime.RuleScript"/>: the script's statements, variables and functions become the body
/// of <c>Execute</c> (variables are locals, functions local functions), its enums nested types, its
/// <c>using</c> directives the file's. Every piece is preceded by a <c>#line</c> directive and
/// indented to its original column, so diagnostics and stack traces keep the script's own lines and
/// columns. The files the rule loads (<see cref="ScriptLoads"/>) come first, each under its own
/// <c>#line</c> file name.
/// </summary>
internal static class RuleSourceBuilder
{
    /// <summary>The file name the generated code's <c>#line</c> directives give the rule's own lines; it cannot be a loaded file's path.</summary>
    public const string ScriptFileName = "<rule>";

    /// <summary>The name of the generated class.</summary>
    public const string ClassName = "__MarketpilotRule";

    public static readonly string[] DefaultImports =
        ["System", "System.Linq", "System.Collections.Generic", "Marketpilot.Sdk.Catalog", "Marketpilot.Sdk.Actions", "Marketpilot.Sdk.Rules", "Marketpilot.Sdk.Events"];

    public static string Build(CompilationUnitSyntax script) => Build([(script, ScriptFileName)]);

    /// <summary>Builds the class from several scripts, in order: the loaded files, then the rule.</summary>
    /// <param name="scripts">Each script with the file name its <c>#line</c> directives give.</param>
    /// <returns>The class's source.</returns>
    public static string Build(IReadOnlyList<(CompilationUnitSyntax Script, string LinePath)> scripts)
    {
        var text = new StringBuilder();
        text.Append("#line hidden\n");
        foreach (var import in DefaultImports)
        {
            text.Append("using ").Append(import).Append(";\n");
        }

        var classOpen = false;
        var bodyOpen = false;
        foreach (var (piece, linePath, section) in Pieces(scripts))
        {
            OpenUpTo(section);
            Append(text, piece, linePath);
        }

        OpenUpTo(Section.Body);
        text.Append("\n#line hidden\n    }\n}\n");
        return text.ToString();

        void OpenUpTo(Section section)
        {
            if (section >= Section.Types && !classOpen)
            {
                text.Append("\n#line hidden\npublic sealed class ").Append(ClassName).Append(" : global::Marketpilot.Scripting.Runtime.RuleScript\n{\n");
                classOpen = true;
            }

            if (section == Section.Body && !bodyOpen)
            {
                text.Append("\n#line hidden\n    protected override void Execute()\n    {\n");
                bodyOpen = true;
            }
        }
    }

    /// <summary>
    /// Finds the first piece of the scripts that does not read, token for token, the same in the class
    /// built from them: what the checks see must be what is compiled.
    /// </summary>
    /// <param name="built">The class, parsed.</param>
    /// <param name="scripts">The scripts it was built from, in the order given to <see cref="Build(IReadOnlyList{ValueTuple{CompilationUnitSyntax, string}})"/>.</param>
    /// <returns>The script's node that differs; <see langword="null"/> when every piece is the same.</returns>
    public static SyntaxNode? Mismatch(SyntaxTree built, IReadOnlyList<CompilationUnitSyntax> scripts)
    {
        // Every piece starts with a numbered #line directive; the scaffold only with '#line hidden'.
        var starts = built.GetRoot().DescendantTokens()
            .Where(token => token.LeadingTrivia.Any(t => t.GetStructure() is LineDirectiveTriviaSyntax { Line.RawKind: (int)SyntaxKind.NumericLiteralToken }))
            .GetEnumerator();
        foreach (var (piece, _, _) in Pieces([.. scripts.Select(script => (script, string.Empty))]))
        {
            if (!starts.MoveNext())
            {
                return piece;
            }

            var token = starts.Current;
            foreach (var expected in piece.DescendantTokens())
            {
                if (token.RawKind != expected.RawKind || token.Text != expected.Text)
                {
                    return piece;
                }

                token = token.GetNextToken(includeZeroWidth: true);
            }
        }

        return starts.MoveNext() ? scripts[^1] : null;
    }

    private enum Section
    {
        Usings,
        Types,
        Body,
    }

    // The scripts' pieces in the order the class holds them: usings (each written once), types, then statements, variables and functions.
    private static IEnumerable<(SyntaxNode Node, string LinePath, Section Section)> Pieces(IReadOnlyList<(CompilationUnitSyntax Script, string LinePath)> scripts)
    {
        var imported = new HashSet<string>(DefaultImports, StringComparer.Ordinal);
        foreach (var (script, linePath) in scripts)
        {
            foreach (var directive in script.Usings)
            {
                var plain = directive is { Alias: null, StaticKeyword.RawKind: 0, Name: { } name } ? name.ToString() : null;
                if (plain is null || imported.Add(plain))
                {
                    yield return (directive, linePath, Section.Usings);
                }
            }
        }

        foreach (var (script, linePath) in scripts)
        {
            // Types, and static tables, which belong to the class: initialised once, not at every evaluation.
            foreach (var member in script.Members.Where(m => m is BaseTypeDeclarationSyntax || IsStaticField(m)))
            {
                yield return (member, linePath, Section.Types);
            }
        }

        foreach (var (script, linePath) in scripts)
        {
            foreach (var member in script.Members)
            {
                switch (member)
                {
                    case GlobalStatementSyntax statement:
                        yield return (statement.Statement, linePath, Section.Body);
                        break;
                    case FieldDeclarationSyntax or MethodDeclarationSyntax when !IsStaticField(member):
                        yield return (member, linePath, Section.Body);
                        break;
                }
            }
        }
    }

    private static bool IsStaticField(MemberDeclarationSyntax member) =>
        member is FieldDeclarationSyntax field && field.Modifiers.Any(SyntaxKind.StaticKeyword);

    private static void Append(StringBuilder text, SyntaxNode node, string linePath)
    {
        var start = node.GetLocation().GetLineSpan().StartLinePosition;
        text.Append(CultureInfo.InvariantCulture, $"\n#line {start.Line + 1} \"{linePath}\"\n");
        text.Append(' ', start.Character);
        text.Append(node.ToString());
        text.Append('\n');
    }
}
