using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Ozon.Tests.Support;

/// <summary>
/// Drives a connector the way the host's dispatcher does: batches, a thrown call counts as a retryable failure of its whole
/// batch, and retryable actions are sent again with the same idempotency keys until none is left.
/// </summary>
public static class HostLikeDriver
{
    public static async Task<Dictionary<string, ActionResult>> ApplyUntilSettledAsync(IMarketplaceConnector connector, IReadOnlyList<ActionRequest> actions, int batchSize, int maxRounds = 40)
    {
        var final = new Dictionary<string, ActionResult>(StringComparer.Ordinal);
        var pending = actions.ToList();
        for (var round = 0; round < maxRounds && pending.Count > 0; round++)
        {
            var retry = new List<ActionRequest>();
            foreach (var batch in pending.Chunk(batchSize))
            {
                IReadOnlyList<ActionResult> results;
                try
                {
                    results = await connector.ApplyAsync(batch, CancellationToken.None);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    retry.AddRange(batch);
                    continue;
                }

                foreach (var result in results)
                {
                    if (result.Status == ActionResultStatus.RetryableFailure)
                    {
                        retry.Add(batch.Single(r => r.IdempotencyKey == result.IdempotencyKey));
                    }
                    else
                    {
                        final[result.IdempotencyKey] = result;
                    }
                }
            }

            pending = retry;
        }

        return pending.Count == 0 ? final : throw new InvalidOperationException($"{pending.Count} action(s) still retryable after {maxRounds} rounds");
    }
}
