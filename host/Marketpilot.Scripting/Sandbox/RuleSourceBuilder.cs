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
        ["System", "System.Linq", "System.Collections.Generic", "Marketpilot.Sdk.Catalog", "Marketpilot.Sdk.Actions", "Marketpilot.Sdk.Rules"];

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

        var imported = new HashSet<string>(DefaultImports, StringComparer.Ordinal);
        foreach (var (script, linePath) in scripts)
        {
            foreach (var directive in script.Usings)
            {
                // A using that several files share, or that is imported by default, is written once.
                var plain = directive is { Alias: null, StaticKeyword.RawKind: 0, Name: { } name } ? name.ToString() : null;
                if (plain is not null && !imported.Add(plain))
                {
                    continue;
                }

                Append(text, directive, linePath);
            }
        }

        text.Append("\n#line hidden\n");
        text.Append("public sealed class ").Append(ClassName).Append(" : global::Marketpilot.Scripting.Runtime.RuleScript\n{\n");
        foreach (var (script, linePath) in scripts)
        {
            foreach (var type in script.Members.OfType<BaseTypeDeclarationSyntax>())
            {
                Append(text, type, linePath);
            }
        }

        text.Append("\n#line hidden\n    protected override void Execute()\n    {\n");
        foreach (var (script, linePath) in scripts)
        {
            foreach (var member in script.Members)
            {
                switch (member)
                {
                    case GlobalStatementSyntax statement:
                        Append(text, statement.Statement, linePath);
                        break;
                    case FieldDeclarationSyntax or MethodDeclarationSyntax:
                        Append(text, member, linePath);
                        break;
                }
            }
        }

        text.Append("\n#line hidden\n    }\n}\n");
        return text.ToString();
    }

    private static void Append(StringBuilder text, SyntaxNode node, string linePath)
    {
        var start = node.GetLocation().GetLineSpan().StartLinePosition;
        text.Append(CultureInfo.InvariantCulture, $"\n#line {start.Line + 1} \"{linePath}\"\n");
        text.Append(' ', start.Character);
        text.Append(node.ToString());
        text.Append('\n');
    }
}
