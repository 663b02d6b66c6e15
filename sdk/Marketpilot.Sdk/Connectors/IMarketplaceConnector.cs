namespace Marketpilot.Sdk.Connectors;

/// <summary>
/// Connects the host to one marketplace: pulls the shop's catalog, metrics and campaigns, and
/// applies the actions rules proposed.
/// </summary>
/// <remarks>
/// <para>
/// A plugin registers its connector as <see cref="IMarketplaceConnector"/> in
/// <see cref="Plugins.IPluginServiceRegistrator.RegisterServices"/>. The host calls it from several
/// threads; an implementation must be thread-safe.
/// </para>
/// <para>
/// Failure rule: let exceptions propagate. The host catches whatever a connector throws, logs it with
/// the connector's name, keeps the actions pending and tries again later; it never stops because a
/// connector failed. Honour the <see cref="CancellationToken"/>: the host cancels calls that run
/// past their timeout; throw <see cref="OperationCanceledException"/> when it is cancelled.
/// </para>
/// <para>
/// Map what the marketplace says about one action to that action's <see cref="ActionResult"/> instead of
/// throwing: a refusal that will not pass (unknown SKU, value out of range, kind not supported) is
/// <see cref="ActionResultStatus.Rejected"/> with the marketplace's reason; a failure that may pass (rate limit,
/// 5xx, timeout of one item) is <see cref="ActionResultStatus.RetryableFailure"/>. Throw only when the whole call
/// failed (the marketplace is unreachable, the credentials are refused); the host then treats every action of
/// the batch as a retryable failure.
/// </para>
/// <para>
/// A marketplace that asks the whole call to wait (<c>Retry-After</c>) longer than a small part of the host's call
/// deadline: throw <see cref="MarketplaceRateLimitedException"/> with that wait rather than sitting it out; the host
/// waits at least that long before calling again and does not count it against the circuit breaker.
/// </para>
/// <para>
/// The conformance kit (<c>Marketpilot.Sdk.TestKit</c>, and <c>marketpilot plugins verify</c>) checks these rules.
/// </para>
/// </remarks>
public interface IMarketplaceConnector
{
    /// <summary>The lower-case marketplace id this connector serves, for example <c>ozon</c>.</summary>
    string Marketplace { get; }

    /// <summary>What the connector can do; the host reads it once and honours it (see <see cref="ConnectorCapabilities"/>).</summary>
    /// <remarks>Must not throw or call the marketplace, and must return the same value for the connector's lifetime.</remarks>
    ConnectorCapabilities Capabilities { get; }

    /// <summary>Pulls the next page of what changed since <paramref name="cursor"/>.</summary>
    /// <param name="cursor">
    /// <see langword="null"/> to start from the beginning, otherwise the <see cref="CatalogPage.NextCursor"/>
    /// of the previous page. The host persists cursors, so a cursor must stay valid across restarts.
    /// </param>
    /// <param name="cancellationToken">Cancelled when the host stops or the call times out.</param>
    /// <returns>
    /// The page. Pulling the same cursor again returns the same data, so the call may be retried. Following
    /// <see cref="CatalogPage.NextCursor"/> while <see cref="CatalogPage.HasMore"/> is <see langword="true"/> must end
    /// (the last page has <see cref="CatalogPage.HasMore"/> <see langword="false"/>) and must not repeat a cursor.
    /// A page only carries what <see cref="Capabilities"/> says the connector pulls.
    /// </returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken);

    /// <summary>Applies a batch of actions on the marketplace.</summary>
    /// <param name="actions">
    /// The actions, each with its idempotency key; at most <see cref="ConnectorCapabilities.MaxBatchSize"/> of them,
    /// and only of the kinds in <see cref="ConnectorCapabilities.ActionKinds"/>. An action of another kind (a host
    /// bug or a test) is answered <see cref="ActionResultStatus.Rejected"/>, not with an exception.
    /// </param>
    /// <param name="cancellationToken">Cancelled when the host stops or the call times out.</param>
    /// <returns>
    /// One result per action, in any order, matched by <see cref="ActionRequest.IdempotencyKey"/>. The
    /// call may be retried with the same keys; an action whose key was applied before must not be
    /// applied again, and is reported as <see cref="ActionResultStatus.Applied"/>.
    /// </returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the batch was sent.</exception>
    Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken);
}
