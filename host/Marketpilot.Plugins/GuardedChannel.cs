using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Plugins;

/// <summary>A plugin's notification channel behind its <see cref="PluginGuard"/>; what <see cref="IPluginRegistry.Channels"/> hands out.</summary>
internal sealed class GuardedChannel(INotificationChannel inner, string name, PluginGuard guard) : INotificationChannel, IPluginComponent
{
    public string Name => name;

    public string PluginId => guard.PluginId;

    public string PluginVersion => guard.PluginVersion;

    public Task<DeliveryResult> SendAsync(Notification notification, CancellationToken cancellationToken) =>
        guard.CallAsync("send", async token => ScrubReason(await inner.SendAsync(notification, token).ConfigureAwait(false)), Check, cancellationToken);

    // A null result is left for Check to refuse.
    private DeliveryResult ScrubReason(DeliveryResult result) =>
        result is { Reason: { } reason } && guard.Scrub(reason) is var clean && clean != reason ? result with { Reason = clean } : result;

    private static string? Check(DeliveryResult? result) =>
        result is null ? "returned no delivery result (null)"
        : !Enum.IsDefined(result.Status) ? "returned an unknown delivery status"
        : null;
}
