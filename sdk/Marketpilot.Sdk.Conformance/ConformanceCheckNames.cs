namespace Marketpilot.Sdk.Conformance;

/// <summary>The names of the conformance checks, as results and <c>marketpilot plugins verify</c> report them.</summary>
public static class ConformanceCheckNames
{
    /// <summary><c>plugin.json</c> exists in the plugin folder and is a JSON object.</summary>
    public const string ManifestPresent = "manifest-present";

    /// <summary>The manifest's id, SemVer version, entry assembly, kinds (at least one, all known) and configuration keys are valid.</summary>
    public const string ManifestValid = "manifest-valid";

    /// <summary>The manifest's <c>sdkVersion</c> is in the range of the SDK the check runs with.</summary>
    public const string ManifestSdkVersion = "manifest-sdk-version";

    /// <summary>The plugin folder does not ship its own copy of <c>Marketpilot.Sdk</c> or of a shared <c>Microsoft.Extensions.*.Abstractions</c> assembly.</summary>
    public const string NoSharedAssemblies = "folder-ships-no-shared-assemblies";

    /// <summary>
    /// No assembly in the plugin folder references a shared assembly (the SDK, <c>Microsoft.Extensions.*.Abstractions</c>,
    /// <c>Microsoft.Extensions.Options</c>) with a higher assembly version than the host has; it would load a private copy and its types would not match.
    /// </summary>
    public const string SharedDependenciesNotNewer = "shared-dependencies-not-newer";

    /// <summary>The marketplace id is well-formed and the capabilities are valid and stable.</summary>
    public const string Capabilities = "capabilities-valid";

    /// <summary>Following cursors from the start ends, never repeats a cursor, and the last cursor can be pulled again.</summary>
    public const string PullPagination = "pull-pagination-complete";

    /// <summary>Pulling the same cursor twice gives the same page.</summary>
    public const string PullRepeatable = "pull-repeatable";

    /// <summary>Pages carry only what the capabilities declare, and only for the connector's marketplace.</summary>
    public const string PullMatchesCapabilities = "pull-matches-capabilities";

    /// <summary>A batch of <see cref="Connectors.ConnectorCapabilities.MaxBatchSize"/> actions gets exactly one result per idempotency key.</summary>
    public const string ApplyBatchLimit = "apply-batch-limit";

    /// <summary>The same idempotency key sent twice gives the same result and changes nothing the second time.</summary>
    public const string ApplyIdempotent = "apply-idempotent";

    /// <summary>An action of a kind the connector does not declare is rejected with a reason, not thrown.</summary>
    public const string ApplyUnsupportedKind = "apply-unsupported-kind-rejected";

    /// <summary>A marketplace refusal (an unknown SKU) is a rejected result with a reason, and the rest of the batch still gets results.</summary>
    public const string ApplyErrorMapping = "apply-error-mapping";

    /// <summary>A cancelled token makes pulls and applies throw <see cref="OperationCanceledException"/> promptly.</summary>
    public const string Cancellation = "cancellation-honoured";

    /// <summary>The factory's marketplace id is well-formed (1 to 32 lower-case letters, digits and '-', starting with a letter).</summary>
    public const string FactoryMarketplace = "factory-marketplace-valid";

    /// <summary>
    /// <see cref="Shops.IMarketplaceConnectorFactory.Create"/> with empty settings and credentials throws an
    /// <see cref="ArgumentException"/> that names a key (supplying the keys it names changes the answer) and never
    /// repeats a value it was given.
    /// </summary>
    public const string FactoryRefusesMissingSettings = "factory-missing-settings-refused";

    /// <summary>
    /// Once every key the factory asked for holds a placeholder, <see cref="Shops.IMarketplaceConnectorFactory.Create"/>
    /// returns a connector of the factory's marketplace promptly and without calling the marketplace.
    /// </summary>
    public const string FactoryCreatesOffline = "factory-creates-offline";

    /// <summary>The plugin's <c>plugin.json</c> declares the kind <c>channel</c>, so the host treats what it registers as a channel.</summary>
    public const string ChannelManifestKind = "channel-manifest-kind";

    /// <summary>The channel's name is set, trimmed, at most 64 characters and the same on every read.</summary>
    public const string ChannelName = "channel-name-valid";

    /// <summary>A valid notification for a served recipient is <see cref="Connectors.DeliveryStatus.Delivered"/>, and the test endpoint receives it exactly once, under its idempotency key.</summary>
    public const string ChannelDelivers = "channel-delivers";

    /// <summary>The same notification sent twice does not throw, gets the same status both times, and reaches the endpoint under the same idempotency key.</summary>
    public const string ChannelRepeatSafe = "channel-repeat-safe";

    /// <summary>Notifications with an empty recipient, message or idempotency key are rejected or skipped with a reason, never thrown and never delivered.</summary>
    public const string ChannelInvalidRejected = "channel-invalid-rejected";

    /// <summary>Notifications sent at the same time each get their own result and each reach the endpoint once.</summary>
    public const string ChannelConcurrentSends = "channel-concurrent-sends";

    /// <summary>A channel whose endpoint does not answer returns a <see cref="Connectors.DeliveryStatus.RetryableFailure"/> with a reason instead of throwing.</summary>
    public const string ChannelUnreachableRetryable = "channel-unreachable-retryable";

    /// <summary>A token cancelled before the call ends it promptly: <see cref="OperationCanceledException"/> or a result that is not a delivery.</summary>
    public const string ChannelCancellation = "channel-cancellation-honoured";

    /// <summary>The manifest checks, in the order they run.</summary>
    public static IReadOnlyList<string> Manifest { get; } = [ManifestPresent, ManifestValid, ManifestSdkVersion, NoSharedAssemblies, SharedDependenciesNotNewer];

    /// <summary>The connector checks, in the order they run.</summary>
    public static IReadOnlyList<string> Connector { get; } =
        [Capabilities, PullPagination, PullRepeatable, PullMatchesCapabilities, ApplyBatchLimit, ApplyIdempotent, ApplyUnsupportedKind, ApplyErrorMapping, Cancellation];

    /// <summary>The checks of a connector factory that need no marketplace, in the order they run.</summary>
    public static IReadOnlyList<string> Factory { get; } = [FactoryMarketplace, FactoryRefusesMissingSettings, FactoryCreatesOffline];

    /// <summary>The channel checks, in the order they run.</summary>
    public static IReadOnlyList<string> Channel { get; } =
        [ChannelManifestKind, ChannelName, ChannelDelivers, ChannelRepeatSafe, ChannelInvalidRejected, ChannelConcurrentSends, ChannelUnreachableRetryable, ChannelCancellation];
}
