using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>The hostile suite of <c>tests/hostile/</c> through the real CLI and through a running host.</summary>
public sealed class HostileSuiteTests
{
    private const int SkuCount = 3;

    public static TheoryData<string> Running() => HostileScript.Names(s => s.Expect != HostileScript.Refused);

    [Fact]
    public void SuiteHasAtLeastThreeScriptsPerClass() =>
        Assert.All(
            Directory.GetDirectories(HostileScript.Folder),
            folder => Assert.True(Directory.GetFiles(folder, "*.csx").Length >= 3, $"{folder} has fewer than three hostile scripts"));

    [Fact]
    public async Task RulesCheckAnswersEveryHostileScriptWithoutCrashing()
    {
        var result = await Cli.RunAsync(["rules", "check", .. HostileScript.All.Select(s => s.Path)]);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.All(HostileScript.All, script =>
        {
            var lines = result.StdOut.Split('\n').Where(l => l.StartsWith(script.Path, StringComparison.Ordinal)).ToList();
            Assert.True(
                script.Expect == HostileScript.Refused
                    ? lines.Any(l => l.Contains($": error {script.Code}: ", StringComparison.Ordinal) && l.Contains(script.Fragment, StringComparison.Ordinal))
                    : lines.Any(l => l.EndsWith(")", StringComparison.Ordinal) && l.Contains(": ok (rule ", StringComparison.Ordinal)),
                $"{script.Name} expected {script.Expect} {script.Code} '{script.Fragment}', got:\n{string.Join('\n', lines)}");
        });
    }

    [Theory]
    [MemberData(nameof(Running))]
    public async Task RulesTestStopsEveryRunawayHostileScriptWithExit3(string name)
    {
        var script = HostileScript.Named(name);

        var result = await Cli.RunAsync("rules", "test", script.Path, "--input", Fixture());

        Assert.True(result.ExitCode == 3, $"exit {result.ExitCode}\n{result.StdOut}\n{result.StdErr}");
        Assert.Contains(script.Fragment, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARunningHostSurvivesTheWholeSuiteAndEveryOtherSkuIsUnchanged()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        foreach (var script in HostileScript.All)
        {
            File.Copy(script.Path, Path.Combine(scripts.Path, RuleIdOf(script) + ".csx"));
        }

        scripts.File("benign.csx", "Notify(\"manager\", $\"{Sku.Sku}: {Sku.Stock}\");\n");
        await using var host = await HostProcess.StartWithScriptsAsync(data.Path, scripts.Path, NoSync.Args);
        var skus = Enumerable.Range(0, SkuCount).Select(_ => Some.SkuId()).ToList();

        Assert.Equal(202, (int)(await host.PostJsonAsync("/api/v1/skus", Some.Array([.. skus.Select(s => Some.Sku(s))]))).StatusCode);
        await WaitForBenignRunsAsync(host, SkuCount);
        var others = await ViewsAsync(host, skus.Skip(1));
        Assert.Equal(202, (int)(await host.PostJsonAsync("/api/v1/skus", Some.Array(Some.Sku(skus[0], price: 210m)))).StatusCode);
        var rules = await WaitForBenignRunsAsync(host, SkuCount + 1);

        Assert.Equal(others, await ViewsAsync(host, skus.Skip(1)));
        Assert.Equal(200, (int)(await host.Client.GetAsync("/health")).StatusCode);
        Assert.All(HostileScript.All, script =>
        {
            var status = rules[RuleIdOf(script)];
            var text = status.GetRawText();
            if (script.Expect == HostileScript.Refused)
            {
                Assert.False(status.GetProperty("compiled").GetBoolean(), script.Name);
                Assert.Contains(script.Code!, text, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(status.GetProperty("failures").GetInt64() >= 1, $"{script.Name}: {text}");
                Assert.Contains(JsonEncodedText.Encode(script.Fragment).ToString(), text, StringComparison.Ordinal);
            }
        });
    }

    private static string RuleIdOf(HostileScript script) => script.Name.Replace('/', '-')[..^".csx".Length];

    private static async Task<Dictionary<string, JsonElement>> WaitForBenignRunsAsync(HostProcess host, int runs)
    {
        Dictionary<string, JsonElement> rules = [];
        await host.EventuallyAsync(
            async () =>
            {
                rules = (await host.GetJsonAsync<JsonElement>("/api/v1/rules")).EnumerateArray()
                    .ToDictionary(r => r.GetProperty("rule").GetProperty("id").GetString()!);
                return rules["benign"].GetProperty("runs").GetInt64() >= runs ? rules["benign"] : null;
            },
            TimeSpan.FromSeconds(120),
            $"the benign rule to run {runs} times beside the hostile suite");
        return rules;
    }

    private static async Task<List<string>> ViewsAsync(HostProcess host, IEnumerable<string> skus)
    {
        var views = new List<string>();
        foreach (var sku in skus)
        {
            views.Add((await host.GetJsonAsync<JsonElement>($"/api/v1/skus/ozon/shop-1/{sku}")).GetRawText());
        }

        return views;
    }

    private static string Fixture() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Scripts, "fixtures", "min-margin"), "*.json").First(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
}
