using System.Text.Json.Nodes;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

public sealed class SampleScriptTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string> Scripts() => [.. ScriptFiles()];

    public static TheoryData<string, string> Fixtures()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in Directory.GetFiles(Path.Combine(Repository.Scripts, "fixtures"), "*.json", SearchOption.AllDirectories)
            .Where(path => !path.EndsWith(".expected.json", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(Path.GetDirectoryName(path))!, Path.GetFileName(path));
        }

        return data;
    }

    private static IEnumerable<string> ScriptFiles() =>
        Directory.GetFiles(Repository.Scripts, "*.csx").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal);

    [Fact]
    public void EverySeedRuleShipsAsAScript()
    {
        string[] seedRules =
        [
            "min-margin.csx", "stock-guard.csx", "weak-card.csx", "conversion-drop.csx", "returns-alert.csx", "out-of-stock-ads.csx", "unprofitable-ads.csx",
            "retargeting.csx", "high-margin-coupon.csx", "raise-bids-on-position-drop.csx", "shift-budget-by-roas.csx",
        ];

        Assert.Subset(ScriptFiles().ToHashSet(), seedRules.ToHashSet());
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public async Task ScriptCompilesWithoutErrors(string script)
    {
        var compilation = await new RuleCompiler().CompileFileAsync(Path.Combine(Repository.Scripts, script));

        Assert.Empty(compilation.Diagnostics);
        Assert.True(compilation.Succeeded);
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void ScriptHasAFiringAndAQuietFixture(string script)
    {
        var folder = Path.Combine(Repository.Scripts, "fixtures", Path.GetFileNameWithoutExtension(script));

        var outcomes = Directory.GetFiles(folder, "*.expected.json")
            .SelectMany(path => JsonNode.Parse(File.ReadAllText(path))!.AsArray())
            .Select(result => (string?)result!["outcome"])
            .ToHashSet();

        Assert.Contains("fired", outcomes);
        Assert.Contains("noAction", outcomes);
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task ScriptProposesTheExpectedActionsForFixture(string script, string fixture)
    {
        var folder = Path.Combine(Repository.Scripts, "fixtures", script);
        var compilation = await new RuleCompiler().CompileFileAsync(Path.Combine(Repository.Scripts, script + ".csx"));
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, Path.ChangeExtension(fixture, ".expected.json"))));

        var results = await RuleTester.RunAsync(compilation.Compiled!, RuleFixture.Load(Path.Combine(folder, fixture)), Timeout);

        var actual = JsonNode.Parse(RuleTestOutput.Serialize(results));
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected:\n{expected}\nActual:\n{actual}");
    }
}
