using System.Text.Json;
using System.Text.Json.Nodes;
using Marketpilot.Grains.Skus;
using Marketpilot.Sdk.Rules;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Grains.Tests.Skus;

public sealed class SkuRuleStatesTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 5, 52, 11, 123, TimeSpan.Zero);

    private static readonly RuleState[] States =
    [
        new() { RuleId = "min-margin", RuleVersion = "8d003443d1e3", LastRunAt = At, LastOutcome = RuleOutcome.NoAction },
        new() { RuleId = "stock-guard", RuleVersion = "0a1b2c3d4e5f", LastRunAt = At, LastFiredAt = At.AddDays(-2), LastOutcome = RuleOutcome.Fired },
        new()
        {
            RuleId = "hanging", RuleVersion = "ffeeddccbbaa", LastRunAt = At.ToOffset(TimeSpan.FromHours(5)), LastOutcome = RuleOutcome.TimedOut,
            LastError = "stopped after 1000 ms \"quoted\"", ConsecutiveFailures = 2, TotalFailures = 7,
        },
        RuleState.New("never-ran"),
    ];

    [Fact]
    public void StatesStoredInPlaceReadBackThroughTheGrainsJsonAsTheStatesTheyWere()
    {
        var state = new SkuState();
        foreach (var ruleState in States)
        {
            state.Rules.Set(ruleState);
        }

        var read = JsonSerializer.Deserialize<SkuState>(JsonSerializer.SerializeToUtf8Bytes(state, MarketpilotJson.Options), MarketpilotJson.Options)!;

        Assert.Equal(States, Sorted(read.Rules.Values));
        Assert.Equal(States[2], read.Rules["hanging"]);
    }

    [Fact]
    public void AStateWrittenAsADictionaryOfRuleStatesReadsBackTheSame()
    {
        // What the store holds from before: the rules as System.Text.Json wrote a Dictionary<string, RuleState>.
        var before = new JsonObject { ["rules"] = JsonSerializer.SerializeToNode(States.ToDictionary(s => s.RuleId), MarketpilotJson.Options) };

        var read = before.Deserialize<SkuState>(MarketpilotJson.Options)!;

        Assert.Equal(States, Sorted(read.Rules.Values));
    }

    [Fact]
    public void WhatIsWrittenReadsBackAsADictionaryOfRuleStatesForASiloNotYetUpgraded()
    {
        var state = new SkuState();
        foreach (var ruleState in States)
        {
            state.Rules.Set(ruleState);
        }

        var written = JsonSerializer.SerializeToNode(state, MarketpilotJson.Options)!["rules"]!;
        var asBefore = written.Deserialize<Dictionary<string, RuleState>>(MarketpilotJson.Options)!;

        Assert.Equal(States, Sorted(asBefore.Values));
        // Counts of 0 are left out, as they read back as 0; everything else is there.
        Assert.Null(written["min-margin"]!["consecutiveFailures"]);
        Assert.Equal(7, written["hanging"]!["totalFailures"]!.GetValue<int>());
        Assert.Equal("timedOut", written["hanging"]!["lastOutcome"]!.GetValue<string>());
    }

    [Fact]
    public void SettingARulesStateAgainReplacesItsEntry()
    {
        var states = new SkuRuleStates();

        states.Set(States[0]);
        states.Set(States[0] with { LastOutcome = RuleOutcome.Fired, LastFiredAt = At });

        var only = Assert.Single(states);
        Assert.Equal("min-margin", only.Key);
        Assert.Equal(States[0] with { LastOutcome = RuleOutcome.Fired, LastFiredAt = At }, only.Value);
        Assert.False(states.TryGetValue("stock-guard", out _));
    }

    [Fact]
    public void AStoredStateFiledUnderAnotherRulesIdIsReadAsTheStateOfTheRuleItIsFiledUnder()
    {
        var stored = new JsonObject { ["rules"] = new JsonObject { ["min-margin"] = JsonSerializer.SerializeToNode(States[1], MarketpilotJson.Options) } };

        var read = stored.Deserialize<SkuState>(MarketpilotJson.Options)!;

        Assert.Equal(States[1] with { RuleId = "min-margin" }, Assert.Single(read.Rules.Values));
    }

    private static RuleState[] Sorted(IEnumerable<RuleState> states)
    {
        var order = States.Select(s => s.RuleId).ToList();
        return [.. states.OrderBy(s => order.IndexOf(s.RuleId))];
    }
}
