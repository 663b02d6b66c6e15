using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;

namespace Marketpilot.Scripting.Tests;

public sealed class IdeSupportTests
{
    private const string Header = "#load \"ide/globals.csx\"";

    public static TheoryData<string> Scripts() =>
        [.. Directory.GetFiles(Repository.Scripts, "*.csx").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Scripts))]
    public void SampleRuleStartsWithTheEditorHeader(string script)
    {
        var firstLine = File.ReadLines(Path.Combine(Repository.Scripts, script)).First();

        Assert.StartsWith(Header, firstLine, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void SampleRuleCompilesTheWayAnEditorCompilesIt(string script)
    {
        // What OmniSharp and Rider do with a .csx: a plain script compilation that resolves #load and #r
        // against the file's folder, with no knowledge of the host's globals.
        var path = Path.Combine(Repository.Scripts, script);
        var options = ScriptOptions.Default
            .WithFilePath(path)
            .WithSourceResolver(new SourceFileResolver([], Repository.Scripts))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(Repository.Scripts))
            .WithImports("System", "System.Linq", "System.Collections.Generic");

        var diagnostics = CSharpScript.Create(File.ReadAllText(path), options).GetCompilation().GetDiagnostics();

        Assert.Empty(diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
    }

    [Fact]
    public void HostSkipsTheHeaderAndKeepsLineNumbers()
    {
        var broken = new RuleCompiler().Compile("x.csx", Header + "\n// @name: With header\nvar x = 1\n");
        var valid = new RuleCompiler().Compile("x.csx", Header + "\n// @name: With header\nLog(\"x\");\n");

        var error = Assert.Single(broken.Diagnostics);
        Assert.Equal(("CS1002", 3), (error.Code, error.Line));
        Assert.Equal("With header", valid.Metadata.Name);
    }

    [Fact]
    public void OtherLoadDirectivesAreStillRefused()
    {
        var compilation = new RuleCompiler().Compile("x.csx", "#load \"ide/../../secrets.csx\"\nLog(\"x\");");

        Assert.Contains(compilation.Diagnostics, d => d.Code == "MP1001");
        Assert.Null(compilation.Compiled);
    }

    [Fact]
    public void RuleWithTheHeaderRuns()
    {
        var rule = Some.Rule(Header + "\nSetPrice(Sku.Cost * 2);");

        Assert.Equal(RuleOutcome.Fired, rule.Evaluate(Some.Globals()).Outcome);
    }
}
