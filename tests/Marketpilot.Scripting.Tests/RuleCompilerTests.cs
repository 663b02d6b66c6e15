using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

public sealed class RuleCompilerTests
{
    private readonly RuleCompiler _compiler = new();

    [Fact]
    public void MissingSemicolonIsReportedAtItsLineAndColumn()
    {
        const string source = "var a = 1;\nvar b = 2;\nvar c = a + b\nLog(c.ToString());\n";

        var compilation = _compiler.Compile("rules/broken.csx", source);

        var error = Assert.Single(compilation.Diagnostics, d => d.IsError);
        Assert.Equal("rules/broken.csx(3,14): error CS1002: ; expected", error.ToString());
        Assert.Null(compilation.Compiled);
    }

    [Fact]
    public void UnknownNameIsAnErrorWithTheCompilerCode()
    {
        var compilation = _compiler.Compile("x.csx", "SetPrice(Sku.Cots);");

        var error = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("CS1061", 1, 14), (error.Code, error.Line, error.Column));
    }

    [Fact]
    public void WarningsAreReportedButTheRuleStillCompiles()
    {
        var compilation = _compiler.Compile("x.csx", "return;\nLog(\"never\");");

        Assert.Contains(compilation.Diagnostics, d => d is { Severity: "warning", Code: "CS0162", Line: 2 });
        Assert.True(compilation.Succeeded);
    }

    [Theory]
    [InlineData("#r \"System.IO\"\nNotify(\"a\", \"b\");", "#r")]
    [InlineData("#load \"../x.csx\"\nNotify(\"a\", \"b\");", "#load \"../x.csx\"")]
    public void ReferenceAndLoadDirectivesAreRefused(string source, string directive)
    {
        var compilation = _compiler.Compile("x.csx", source);

        var error = Assert.Single(compilation.Diagnostics);
        Assert.Equal(("MP1001", 1, 1, "error"), (error.Code, error.Line, error.Column, error.Severity));
        Assert.Contains($"'{directive}' is not available to rules", error.Message, StringComparison.Ordinal);
        Assert.Null(compilation.Compiled);
    }

    [Fact]
    public void IdIsTheFileNameWithoutExtension()
    {
        var compilation = _compiler.Compile("scripts/min-margin.csx", "");

        Assert.Equal(new RuleDescriptor("min-margin", compilation.Rule.Version, "scripts/min-margin.csx"), compilation.Rule);
    }

    [Fact]
    public void VersionIsAHashOfTheContent()
    {
        var first = _compiler.Compile("a.csx", "Notify(\"a\", \"b\");").Rule.Version;
        var same = _compiler.Compile("b.csx", "Notify(\"a\", \"b\");").Rule.Version;
        var changed = _compiler.Compile("a.csx", "Notify(\"a\", \"c\");").Rule.Version;

        Assert.Matches("^[0-9a-f]{12}$", first);
        Assert.Equal(first, same);
        Assert.NotEqual(first, changed);
    }

    [Fact]
    public async Task FileVersionIsTheHashOfTheFileBytes()
    {
        using var folder = new TempFolder();
        var path = folder.Write("rule.csx", "Notify(\"a\", \"b\");");

        var compilation = await _compiler.CompileFileAsync(path);

        Assert.Equal(RuleCompiler.VersionOf(File.ReadAllBytes(path)), compilation.Rule.Version);
        Assert.Equal(path, compilation.Rule.Path);
    }

    [Fact]
    public void DefaultImportsCoverTheSdkAndLinq()
    {
        const string source = "var ads = Campaigns.Where(c => c.Kind == CampaignKind.Ad).ToList();\nvar seen = new HashSet<string>();\nRuleAction? a = null;\nRuleOutcome o = RuleOutcome.Fired;";

        var compilation = _compiler.Compile("x.csx", source);

        Assert.DoesNotContain(compilation.Diagnostics, d => d.IsError);
    }
}
