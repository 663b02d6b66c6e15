using Marketpilot.Channels.Shared;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Channels.Telegram.Tests;

/// <summary>The HTTP sender both channels share (shared source, compiled into this plugin).</summary>
public sealed class HttpDeliveryTests
{
    private const string Secret = "s3cret-token-42";

    [Fact]
    public async Task AnUnexpectedTransportErrorLeavesOnlyAMaskedMessageAndNoInnerException()
    {
        using var http = new HttpDelivery(
            "test", new HttpRetryPolicy(1_000, 0, 1, 2_000, 30), TimeProvider.System, NullLogger.Instance, text => text.Replace(Secret, "***", StringComparison.Ordinal));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            http.SendAsync(() => throw new NotSupportedException($"The 'bot{Secret}' scheme is not supported."), "chat 1", CancellationToken.None));

        Assert.DoesNotContain(Secret, error.Message, StringComparison.Ordinal);
        Assert.Contains("***", error.Message, StringComparison.Ordinal);
        Assert.Null(error.InnerException);
    }
}
