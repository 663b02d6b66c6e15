using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Apply;

/// <summary>An action whose SKU parsed as a WB article (nmID), on its way to Wildberries.</summary>
internal readonly record struct PendingAction(ActionRequest Request, long NmId)
{
    public ActionResult Applied(string? note = null) => new(Request.IdempotencyKey, ActionResultStatus.Applied, note);

    public ActionResult Rejected(string reason) => new(Request.IdempotencyKey, ActionResultStatus.Rejected, reason);

    /// <param name="reason">Why it may pass later.</param>
    /// <param name="retryAfter">The wait Wildberries asked for, which the host sits out before sending it again.</param>
    public ActionResult Retryable(string reason, TimeSpan? retryAfter = null) => new(Request.IdempotencyKey, ActionResultStatus.RetryableFailure, reason) { RetryAfter = retryAfter };

    /// <summary>The result WB's verdict on this item of a processed upload gives.</summary>
    public ActionResult FromUpload(UploadOutcome outcome, string? note) => outcome switch
    {
        { Status: 4 } => Retryable("Wildberries cancelled the upload; it will be sent again."),
        _ when outcome.ItemErrors.TryGetValue(NmId, out var error) => UploadPoller.IsPermanent(error)
            ? Rejected($"Wildberries refused item {NmId}: {error}")
            : Retryable($"Wildberries failed item {NmId}: {error}"),
        { Status: 6 } => Retryable($"Wildberries failed every item of the upload without naming item {NmId}."),
        _ => Applied(note),
    };
}
