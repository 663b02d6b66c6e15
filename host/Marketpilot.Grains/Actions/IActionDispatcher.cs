using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Grains.Actions;

/// <summary>Sends proposed actions to whatever carries them out: notification channels, or the SKU's marketplace connector.</summary>
public interface IActionDispatcher
{
    /// <summary>Dispatches actions and reports one result per request, in request order.</summary>
    /// <param name="requests">The actions, each with its idempotency key.</param>
    /// <param name="cancellationToken">Cancels the dispatch.</param>
    /// <returns>
    /// One result per request. Never throws for a connector or channel fault: nothing able to apply an action gives
    /// <see cref="ActionResultStatus.Rejected"/>; a throw, a timeout or a missing answer gives
    /// <see cref="ActionResultStatus.RetryableFailure"/> with the reason.
    /// </returns>
    Task<IReadOnlyList<ActionResult>> DispatchAsync(IReadOnlyList<ActionRequest> requests, CancellationToken cancellationToken);
}
