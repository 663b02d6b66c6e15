using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Sdk.TestKit.Tests;

public sealed class ChannelConformanceBehaviourTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mp-channel-").FullName;

    public ChannelConformanceBehaviourTests() => WriteKinds("channel");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task AWellBehavedChannelPassesEveryCheck()
    {
        var channel = new ConfigurableChannel();

        var results = await new ChannelConformance(() => channel, Options(channel)).RunAllAsync();

        Assert.Equal(ConformanceCheckNames.Channel, results.Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Outcome == ConformanceOutcome.Passed, r.ToString()));
    }

    public static TheoryData<string, string, string> BrokenChannels => new()
    {
        { "blank-name", ConformanceCheckNames.ChannelName, "Name is empty" },
        { "unstable-name", ConformanceCheckNames.ChannelName, "changed between two reads" },
        { "rejects-everything", ConformanceCheckNames.ChannelDelivers, "was Rejected: the endpoint refused it" },
        { "null-result", ConformanceCheckNames.ChannelDelivers, "returned null" },
        { "delivers-twice", ConformanceCheckNames.ChannelDelivers, "2 time(s); expected exactly once" },
        { "throws-on-repeat", ConformanceCheckNames.ChannelRepeatSafe, "threw InvalidOperationException: already sent" },
        { "delivers-malformed", ConformanceCheckNames.ChannelInvalidRejected, "an empty recipient was Delivered" },
        { "throws-on-malformed", ConformanceCheckNames.ChannelInvalidRejected, "a blank message threw ArgumentException" },
        { "omits-reasons", ConformanceCheckNames.ChannelInvalidRejected, "Rejected without a reason" },
        { "fails-when-busy", ConformanceCheckNames.ChannelConcurrentSends, "notifications sent at once were not delivered (first: RetryableFailure, busy)" },
        { "ignores-cancellation", ConformanceCheckNames.ChannelCancellation, "delivered the notification although the token was cancelled" },
        { "throws-on-cancellation", ConformanceCheckNames.ChannelCancellation, "threw TimeoutException instead of OperationCanceledException" },
    };

    [Theory]
    [MemberData(nameof(BrokenChannels))]
    public async Task EachBrokenRuleFailsItsNamedCheck(string broken, string check, string message)
    {
        var channel = Broken(broken);

        var result = await new ChannelConformance(() => channel, Options(channel)).RunAsync(check);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("rejected", "gave Rejected (gone for good); it must be a RetryableFailure")]
    [InlineData("throws", "the channel threw HttpRequestException: connection refused")]
    public async Task AnUnreachableEndpointMustBeARetryableFailure(string answer, string message)
    {
        var unreachable = answer == "rejected"
            ? new ConfigurableChannel { Answer = new DeliveryResult(DeliveryStatus.Rejected, "gone for good") }
            : new ConfigurableChannel { Throws = new HttpRequestException("connection refused") };
        var options = Options(new ConfigurableChannel()) with { CreateUnreachableChannel = () => unreachable };

        var result = await new ChannelConformance(() => new ConfigurableChannel(), options).RunAsync(ConformanceCheckNames.ChannelUnreachableRetryable);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Contains(message, result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHangingChannelFailsAfterTheCallTimeoutEvenWithACancelledToken()
    {
        var channel = new ConfigurableChannel { Hangs = true };

        var result = await new ChannelConformance(() => channel, new() { CallTimeout = TimeSpan.FromMilliseconds(50) }).RunAsync(ConformanceCheckNames.ChannelCancellation);

        Assert.Equal(ConformanceOutcome.Failed, result.Outcome);
        Assert.Contains("did not return within", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutSendChecksNothingIsDeliveredAndTheOtherChecksStillRun()
    {
        var channel = new ConfigurableChannel();

        var results = await new ChannelConformance(() => channel, new() { IncludeSendChecks = false, PluginFolder = _folder }).RunAllAsync();

        Assert.Equal(
            [ConformanceCheckNames.ChannelDelivers, ConformanceCheckNames.ChannelRepeatSafe, ConformanceCheckNames.ChannelConcurrentSends, ConformanceCheckNames.ChannelUnreachableRetryable],
            results.Where(r => r.Outcome == ConformanceOutcome.Skipped).Select(r => r.Name));
        Assert.All(results, r => Assert.True(r.Succeeded, r.ToString()));
        Assert.Equal(0, channel.TotalReceived);
    }

    [Fact]
    public async Task AManifestWithoutTheChannelKindFailsAndNoFolderIsSkipped()
    {
        WriteKinds("connector");

        var declared = await new ChannelConformance(() => new ConfigurableChannel(), new() { PluginFolder = _folder }).RunAsync(ConformanceCheckNames.ChannelManifestKind);
        var none = await new ChannelConformance(() => new ConfigurableChannel()).RunAsync(ConformanceCheckNames.ChannelManifestKind);

        Assert.Equal(ConformanceOutcome.Failed, declared.Outcome);
        Assert.Contains("declares kinds connector but not 'channel'", declared.Message, StringComparison.Ordinal);
        Assert.Equal(ConformanceOutcome.Skipped, none.Outcome);
    }

    [Fact]
    public async Task AChannelThatThrowsOnCreationFailsEveryCheckThatUsesIt()
    {
        var results = await new ChannelConformance(() => throw new InvalidOperationException("no token")).RunAllAsync();

        Assert.All(
            results.Where(r => r.Name is not (ConformanceCheckNames.ChannelManifestKind or ConformanceCheckNames.ChannelUnreachableRetryable)),
            r => Assert.True(r.Outcome == ConformanceOutcome.Failed && r.Message.Contains("no token", StringComparison.Ordinal), r.ToString()));
    }

    [Fact]
    public async Task AnUnknownCheckNameIsRefused()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => new ChannelConformance(() => new ConfigurableChannel()).RunAsync(ConformanceCheckNames.Capabilities));
    }

    private ChannelConformanceOptions Options(ConfigurableChannel channel) => new()
    {
        PluginFolder = _folder,
        CallTimeout = TimeSpan.FromSeconds(10),
        CountDeliveries = (n, _) => Task.FromResult(channel.Received(n)),
        CreateUnreachableChannel = () => new ConfigurableChannel { Answer = new DeliveryResult(DeliveryStatus.RetryableFailure, "connection refused") },
    };

    private void WriteKinds(string kind) =>
        File.WriteAllText(Path.Combine(_folder, "plugin.json"), $$"""{ "id": "memo", "version": "1.0.0", "sdkVersion": "0.1", "entryAssembly": "Memo.dll", "kinds": ["{{kind}}"] }""");

    private static ConfigurableChannel Broken(string how) => how switch
    {
        "blank-name" => new() { FixedName = " " },
        "unstable-name" => new() { NameChanges = true },
        "rejects-everything" => new() { RejectsEverything = true },
        "null-result" => new() { ReturnsNull = true },
        "delivers-twice" => new() { DeliversTwice = true },
        "throws-on-repeat" => new() { ThrowsOnRepeat = true },
        "delivers-malformed" => new() { DeliversMalformed = true },
        "throws-on-malformed" => new() { ThrowsOnMalformed = true },
        "omits-reasons" => new() { OmitsReasons = true },
        "fails-when-busy" => new() { FailsWhenBusy = true },
        "ignores-cancellation" => new() { IgnoresCancellation = true },
        "throws-on-cancellation" => new() { IgnoresCancellation = true, Throws = new TimeoutException("late") },
        _ => throw new ArgumentOutOfRangeException(nameof(how)),
    };
}
