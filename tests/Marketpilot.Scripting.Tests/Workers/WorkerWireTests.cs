using System.Reflection;
using System.Text.Json;
using MessagePack;
using Marketpilot.Scripting.Workers;
using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Events;
using Marketpilot.Sdk.Rules;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Scripting.Tests.Workers;

/// <summary>The worker messages in MessagePack: nothing lost on the way, nothing but the SDK's own actions read back.</summary>
public sealed class WorkerWireTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.FromHours(3));

    private static readonly RuleAction[] Actions =
    [
        new SetPrice(123.45m) { Reason = "margin" },
        new CreateCoupon(0.15m, TimeSpan.FromDays(3)) { Reason = "slow" },
        new CancelCoupon("coupon-1"),
        new AddToPromo("promo-1"),
        new RemoveFromPromo("promo-2"),
        new RemoveFromPromo(),
        new PauseAds("ad-1"),
        new ResumeAds(),
        new SetBid("ad-2", 12.5m),
        new SetBudget("ad-3", 1000m),
        new Notify("owner", "stock is low"),
    ];

    public static TheoryData<RuleAction> EveryAction() => [.. Actions];

    [Fact]
    public void EveryActionKindHasACaseHere()
    {
        var kinds = Actions.Select(a => a.Kind).Distinct();

        Assert.Equal(Enum.GetValues<ActionKind>().Order(), kinds.Order());
    }

    [Theory]
    [MemberData(nameof(EveryAction))]
    public void AnActionComesBackAsTheSameActionOfItsOwnType(RuleAction action)
    {
        var output = new WorkerEvaluationOutput(RuleOutcome.Fired, [action], ["logged"], null);

        var back = RoundTrip<IReadOnlyList<WorkerEvaluationOutput>>([output]).Single();

        Assert.Equal(action, Assert.Single(back.Actions));
        Assert.Equal(action.GetType(), back.Actions[0].GetType());
        Assert.Equal(["logged"], back.Messages);
    }

    [Fact]
    public void ABatchCrossesWithEveryPropertyOfItsSnapshotsCampaignsAndEvent()
    {
        var sku = new SkuSnapshot
        {
            Marketplace = "ozon", ShopId = "shop-1", Sku = "SKU-1", Title = "Kettle", Category = "kitchen", Price = 1999.90m, Cost = 1200.10m,
            MinPrice = 1500m, Stock = 7, AvgDailyDemand = 1.5, Impressions = 900, Clicks = 40, AddToCart = 9, Orders = 4, Returns = 1,
            Revenue = 7999.6m, TrafficSource = "search", CardStatus = "active", ListedAt = Now.AddDays(-100), Date = new DateOnly(2026, 11, 23),
            Promotions = ["promo-1"], Tags = ["seasonal", "top"],
        };
        var campaign = new CampaignSnapshot
        {
            Marketplace = "ozon", ShopId = "shop-1", CampaignId = "ad-1", Name = "Kettles", Kind = CampaignKind.Ad, Status = CampaignStatus.Paused,
            Budget = 500m, Bid = 12m, Spend = 90.5m, Revenue = 300m, Impressions = 1000, Clicks = 20, Orders = 2, AveragePosition = 3.5m,
            Skus = ["SKU-1"], Date = new DateOnly(2026, 11, 23),
        };
        var marketplaceEvent = new MarketplaceEvent("e-1", MarketplaceEventKind.OrderPlaced, Now, sku.Key, new CampaignKey("ozon", "shop-1", "ad-1"), "shopper-9", 2);
        var globals = new RuleGlobals(sku, [new DailyMetrics(new DateOnly(2026, 11, 22), 800, 30, 6, 3, 0)], [campaign], RuleState.New("r") with { LastFiredAt = Now, ConsecutiveFailures = 2 }, Now, marketplaceEvent);
        var batch = new WorkerEvaluationBatch(
            [new WorkerRuleEntry(new RuleDescriptor("r", "v1", "scripts/r.csx"), [1, 2, 3], RuleLimits.Default)],
            [WorkerSkuContext.From(globals)],
            [new WorkerEvaluationItem(0, 0, globals.Rule)],
            TimeSpan.FromMilliseconds(1500));

        var back = RoundTrip(batch);

        Assert.Equal(JsonSerializer.Serialize(batch, MarketpilotJson.Options), JsonSerializer.Serialize(back, MarketpilotJson.Options));
        Assert.Equal(globals.History, back.Contexts[0].HistoryMetrics());
    }

    [Fact]
    public void ListsInASnapshotReadBackAreStillReadOnly()
    {
        var sku = new SkuSnapshot { Marketplace = "ozon", ShopId = "s", Sku = "k", Price = 10m, Promotions = ["p"], Tags = ["t"] };

        var back = RoundTrip(sku);

        Assert.IsNotType<List<string>>(back.Promotions);
        Assert.IsNotType<string[]>(back.Tags);
        Assert.Equal(["p"], back.Promotions);
    }

    [Fact]
    public void AnActionOfAKindTheHostDoesNotKnowIsRefused()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        var message = new MessagePackWriter(writer);
        message.WriteArrayHeader(1);
        message.WriteArrayHeader(2);
        message.Write(99);
        message.WriteMapHeader(0);
        message.Flush();

        var refused = Assert.Throws<MessagePackSerializationException>(() => MessagePackSerializer.Deserialize<IReadOnlyList<RuleAction>>(writer.WrittenMemory, WorkerWire.Options));

        Assert.Contains("action kind 99", refused.InnerException?.Message ?? refused.Message, StringComparison.Ordinal);
    }

    // The types the wire writes by hand (WireFormatters): every property, set by reflection, must come back. A property
    // added to one of them and not to its formatter fails here instead of being lost on the way to the workers.
    public static TheoryData<Type> HandWrittenTypes() => [typeof(SkuSnapshot), typeof(CampaignSnapshot), typeof(RuleState)];

    [Theory]
    [MemberData(nameof(HandWrittenTypes))]
    public void EveryPropertyOfAHandWrittenTypeCrosses(Type type)
    {
        var value = Activator.CreateInstance(type)!;
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var index = 0;
        foreach (var property in properties.Where(p => p.CanWrite))
        {
            property.SetValue(value, SampleOf(property.PropertyType, ++index));
        }

        var back = typeof(WorkerWireTests).GetMethod(nameof(RoundTrip), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type).Invoke(null, [value])!;

        foreach (var property in properties)
        {
            var (sent, read) = (property.GetValue(value), property.GetValue(back));
            if (sent is IEnumerable<string> list)
            {
                Assert.Equal(list, Assert.IsAssignableFrom<IEnumerable<string>>(read));
            }
            else
            {
                Assert.True(Equals(sent, read), $"{type.Name}.{property.Name}: sent {sent}, read {read}");
            }
        }
    }

    [Fact]
    public void AnOutputWithNothingToSayCrossesAsItsOutcomeAlone()
    {
        var bytes = MessagePackSerializer.Serialize(new WorkerEvaluationOutput(RuleOutcome.TimedOut, [], [], null), WorkerWire.Options);

        Assert.Single(bytes);
        Assert.Equal(new WorkerEvaluationOutput(RuleOutcome.TimedOut, [], [], null).Outcome, RoundTrip(new WorkerEvaluationOutput(RuleOutcome.TimedOut, [], [], null)).Outcome);
    }

    [Fact]
    public void DecimalBytesThatAreNotADecimalAreRefused()
    {
        var refused = Assert.ThrowsAny<MessagePackSerializationException>(() => Read<decimal>((ref MessagePackWriter writer) =>
        {
            // Scale 29: decimal's own constructor refuses it.
            writer.WriteBinHeader(16);
            var bytes = new byte[16];
            bytes[14] = 29;
            writer.WriteRaw(bytes);
        }));

        Assert.Contains("not a decimal", Messages(refused), StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotOfTheWrongShapeIsRefusedWithWhatWasExpected()
    {
        var refused = Assert.ThrowsAny<MessagePackSerializationException>(() => Read<SkuSnapshot>((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(3);
            writer.Write("ozon");
            writer.Write("shop");
            writer.Write("sku");
        }));

        Assert.Contains("SkuSnapshot must be an array of 22 values, not 3", Messages(refused), StringComparison.Ordinal);
    }

    [Fact]
    public void HistoryBytesThatAreNotWholeNumbersAreRefused()
    {
        var bytes = MessagePackSerializer.Serialize(new byte[] { 1, 2, 3 });

        var refused = Assert.ThrowsAny<MessagePackSerializationException>(() =>
        {
            var reader = new MessagePackReader(bytes);
            return new WireFormatters.LongsAsBytes().Deserialize(ref reader, WorkerWire.Options);
        });

        Assert.Contains("3 bytes are not a whole number of 64-bit numbers", Messages(refused), StringComparison.Ordinal);
    }

    [Fact]
    public void AnOutcomeTheHostDoesNotKnowIsRefused()
    {
        var refused = Assert.ThrowsAny<MessagePackSerializationException>(() => Read<WorkerEvaluationOutput>((ref MessagePackWriter writer) => writer.Write(99)));

        Assert.Contains("99 is not a RuleOutcome", Messages(refused), StringComparison.Ordinal);
    }

    [Fact]
    public void ARequiredStringThatIsNullIsRefused()
    {
        var refused = Assert.ThrowsAny<MessagePackSerializationException>(() => Read<RuleState>((ref MessagePackWriter writer) =>
        {
            writer.WriteArrayHeader(8);
            for (var i = 0; i < 8; i++)
            {
                writer.WriteNil();
            }
        }));

        Assert.Contains("RuleId must not be null", Messages(refused), StringComparison.Ordinal);
    }

    private static object SampleOf(Type type, int index)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        return target switch
        {
            _ when target == typeof(string) => "value-" + index,
            _ when target == typeof(decimal) => 1000.25m + index,
            _ when target == typeof(int) => 7 + index,
            _ when target == typeof(long) => 70_000_000_000L + index,
            _ when target == typeof(double) => 1.25 + index,
            _ when target == typeof(DateTimeOffset) => Now.AddMinutes(index),
            _ when target == typeof(DateOnly) => new DateOnly(2026, 1, 1).AddDays(index),
            _ when target.IsEnum => Enum.GetValues(target).Cast<object>().Last(),
            _ when target == typeof(IReadOnlyList<string>) => new[] { "first-" + index, "second-" + index },
            _ => throw new InvalidOperationException($"no sample value for a property of type {type}: add one here, and the type to WireFormatters"),
        };
    }

    private delegate void Writing(ref MessagePackWriter writer);

    private static T Read<T>(Writing write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        write(ref writer);
        writer.Flush();
        return MessagePackSerializer.Deserialize<T>(buffer.WrittenMemory, WorkerWire.Options);
    }

    private static string Messages(Exception exception) => exception.InnerException is { } inner ? exception.Message + " " + Messages(inner) : exception.Message;

    private static T RoundTrip<T>(T value) => MessagePackSerializer.Deserialize<T>(MessagePackSerializer.Serialize(value, WorkerWire.Options), WorkerWire.Options);
}
