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
/// past their timeout.
/// </para>
/// </remarks>
public interface IMarketplaceConnector
{
    /// <summary>The lower-case marketplace id this connector serves, for example <c>ozon</c>.</summary>
    string Marketplace { get; }

    /// <summary>Pulls the next page of what changed since <paramref name="cursor"/>.</summary>
    /// <param name="cursor">
    /// <see langword="null"/> to start from the beginning, otherwise the <see cref="CatalogPage.NextCursor"/>
    /// of the previous page. The host persists cursors, so a cursor must stay valid across restarts.
    /// </param>
    /// <param name="cancellationToken">Cancelled when the host stops or the call times out.</param>
    /// <returns>The page. Pulling the same cursor again returns the same data, so the call may be retried.</returns>
    Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken);

    /// <summary>Applies a batch of actions on the marketplace.</summary>
    /// <param name="actions">The actions, each with its idempotency key.</param>
    /// <param name="cancellationToken">Cancelled when the host stops or the call times out.</param>
    /// <returns>
    /// One result per action, in any order, matched by <see cref="ActionRequest.IdempotencyKey"/>. The
    /// call may be retried with the same keys; an action whose key was applied before must not be
    /// applied again, and is reported as <see cref="ActionResultStatus.Applied"/>.
    /// </returns>
    Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken);
}
