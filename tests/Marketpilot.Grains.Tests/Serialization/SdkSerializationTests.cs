using Marketpilot.Grains.Tests.Support;
using Marketpilot.Sdk.Actions;

namespace Marketpilot.Grains.Tests.Serialization;

[Collection(SiloCollection.Name)]
public sealed class SdkSerializationTests(SiloFixture silo)
{
    public static TheoryData<RuleAction> Actions() =>
    [
        new SetPrice(120m) { Reason = "margin floor" },
        new CreateCoupon(0.1m, TimeSpan.FromHours(72)),
        new PauseAds("ad-1"),
        new Notify("purchasing", "restock"),
    ];

    [Theory]
    [MemberData(nameof(Actions))]
    public async Task APolymorphicRuleActionRoundTripsThroughAGrainCall(RuleAction action)
    {
        var echoed = await silo.Client.GetGrain<IEchoGrain>(Some.Id("echo")).EchoActionAsync(action);

        Assert.Equal(action, echoed);
    }

    [Fact]
    public async Task AnActionRecordRoundTripsThroughAGrainCall()
    {
        var record = Some.Action(action: new SetBid("ad-1", 12.5m));

        var echoed = await silo.Client.GetGrain<IEchoGrain>(Some.Id("echo")).EchoRecordAsync(record);

        Assert.Equal(record, echoed);
    }
}
