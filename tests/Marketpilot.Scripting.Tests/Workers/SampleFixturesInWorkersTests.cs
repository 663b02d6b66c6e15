using System.Text.Json.Nodes;
using Marketpilot.Scripting.Tests.Support;
using Marketpilot.Scripting.Workers;

namespace Marketpilot.Scripting.Tests.Workers;

/// <summary>
/// Every sample rule gives the same result for every one of its fixtures through workers as in process. One pool serves
/// the whole class, as one serves a host: the comparison is per fixture, and starting workers for each fixture would
/// only repeat the start-up that <see cref="RuleWorkerPoolTests"/> proves.
/// </summary>
public sealed class SampleFixturesInWorkersTests(SampleFixturesInWorkersTests.SharedPool shared) : IClassFixture<SampleFixturesInWorkersTests.SharedPool>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static TheoryData<string, string> Fixtures() => SampleScriptTests.Fixtures();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task WorkersGiveTheSameResultsAsInProcessForEverySampleFixture(string script, string fixture)
    {
        var path = Path.Combine(Repository.Scripts, script + ".csx");
        var skus = RuleFixture.Load(Path.Combine(Repository.Scripts, "fixtures", script, fixture));
        var inProcess = await new RuleCompiler().CompileFileAsync(path);
        var inWorkers = await shared.Pool.CompileFileAsync(path, new RuleCompiler());

        var expected = RuleTestOutput.Serialize(await RuleTester.RunAsync(inProcess.Compiled!, skus, Timeout));
        var actual = RuleTestOutput.Serialize(await RuleTester.RunAsync(inWorkers.Compiled!, skus, Timeout, shared.Pool));

        Assert.Equal(inProcess.Rule, inWorkers.Rule);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), JsonNode.Parse(actual)), $"In process:\n{expected}\nIn workers:\n{actual}");
    }

    /// <summary>The real executable's workers, started once for the class.</summary>
    public sealed class SharedPool : IAsyncLifetime
    {
        public RuleWorkerPool Pool { get; } = WorkerPools.Create();

        public Task InitializeAsync() => Task.CompletedTask;

        public async Task DisposeAsync() => await Pool.DisposeAsync();
    }
}
