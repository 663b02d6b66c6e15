using Marketpilot.Sdk.Connectors;
using Polly;
using Polly.Retry;

namespace Marketpilot.TestPlugins.Resilient;

/// <summary>A channel that delivers every notification through a retry pipeline built with the plugin's own Polly.</summary>
public sealed class ResilientChannel : INotificationChannel
{
    // Building the pipeline validates its options with DataAnnotations, which lives in the framework the host shares.
    private readonly ResiliencePipeline<DeliveryResult> _pipeline = new ResiliencePipelineBuilder<DeliveryResult>()
        .AddRetry(new RetryStrategyOptions<DeliveryResult>
        {
            MaxRetryAttempts = 2,
            Delay = TimeSpan.Zero,
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result?.Status == DeliveryStatus.RetryableFailure),
        })
        .AddTimeout(TimeSpan.FromSeconds(5))
        .Build();

    /// <inheritdoc />
    public string Name => "resilient";

    /// <inheritdoc />
    public async Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        await _pipeline.ExecuteAsync(_ => ValueTask.FromResult(DeliveryResult.Delivered), cancellationToken).ConfigureAwait(false);
}
