using Marketpilot.Scripting.Sandbox;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Marketpilot.Scripting.Tests.Hostile;

public sealed class CompilerHostileScriptTests
{
    public static TheoryData<string, string, string, string> CheckedIsNotCompiled() => CompilerHostileScripts.CheckedIsNotCompiled();

    public static TheoryData<string, string, string> CompilerAsTarget() => CompilerHostileScripts.CompilerAsTarget();

    [Theory]
    [MemberData(nameof(CheckedIsNotCompiled))]
    public void DirectiveThatCouldChangeWhatIsCompiledIsRefused(string name, string source, string code, string message)
    {
        var compilation = new RuleCompiler().Compile(name + ".csx", source);

        Assert.Null(compilation.Compiled);
        Assert.Contains(compilation.Diagnostics, d => d.IsError && d.Code == code && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(CompilerAsTarget))]
    public void ScriptShapedAgainstTheCompilerIsAnsweredWithADiagnostic(string name, string source, string message)
    {
        Assert.InRange(source.Length, 0, RuleCompiler.MaxSourceLength);

        var compilation = new RuleCompiler().Compile(name + ".csx", source);

        Assert.Null(compilation.Compiled);
        Assert.Contains(compilation.Diagnostics, d => d.IsError && d.Code == "MP1003" && d.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void ClassThatReadsDifferentlyFromItsScriptIsCaughtEvenWithoutTheDirectiveCheck()
    {
        var script = Parse("#define X\nif (Sku.Stock >= 0) {\n#if X\n/*\n#endif\nLog(\"hidden\");\n#if X\n*/\n#endif\n}");
        var built = CSharpSyntaxTree.ParseText(RuleSourceBuilder.Build(script), new CSharpParseOptions(LanguageVersion.Latest));

        var mismatch = RuleSourceBuilder.Mismatch(built, [script]);

        Assert.IsType<IfStatementSyntax>(mismatch);
    }

    [Fact]
    public void ClassBuiltFromAnOrdinaryScriptMatchesItTokenForToken()
    {
        var script = Parse("using System.Text;\nenum Level { Low, High }\nvar sb = new StringBuilder();\nint Twice(int x) => x * 2;\nsb.Append(Twice(Sku.Stock));\nLog(sb.ToString());");
        var built = CSharpSyntaxTree.ParseText(RuleSourceBuilder.Build(script), new CSharpParseOptions(LanguageVersion.Latest));

        Assert.Null(RuleSourceBuilder.Mismatch(built, [script]));
    }

    [Fact]
    public void ElseIfChainOfAHundredBranchesStillCompiles()
    {
        var source = "var level = 0;\nif (Sku.Stock == 0) level = 0;\n" + string.Concat(Enumerable.Range(1, 99).Select(i => $"else if (Sku.Stock == {i}) level = {i};\n")) + "Log(level.ToString());";

        var compilation = new RuleCompiler().Compile("else-if.csx", source);

        Assert.True(compilation.Succeeded, string.Join('\n', compilation.Diagnostics));
    }

    private static CompilationUnitSyntax Parse(string source) =>
        CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script)).GetCompilationUnitRoot();
}
