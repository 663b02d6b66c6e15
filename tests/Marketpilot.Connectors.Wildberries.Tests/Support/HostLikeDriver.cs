using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Connectors.Wildberries.Tests.Support;

/// <summary>Drives a connector as the host's outbox does: the same keys again until no action is retryable; a thrown call retries the whole batch.</summary>
public static class HostLikeDriver
{
    public static async Task<Dictionary<string, ActionResult>> ApplyUntilSettledAsync(IMarketplaceConnector connector, IReadOnlyList<ActionRequest> actions, int maxRounds = 40)
    {
        var settled = new Dictionary<string, ActionResult>(StringComparer.Ordinal);
        var pending = actions.ToList();
        for (var round = 0; round < maxRounds && pending.Count > 0; round++)
        {
            try
            {
                foreach (var result in await connector.ApplyAsync(pending, CancellationToken.None))
                {
                    if (result.Status != ActionResultStatus.RetryableFailure)
                    {
                        settled[result.IdempotencyKey] = result;
                    }
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
            }

            pending = [.. pending.Where(a => !settled.ContainsKey(a.IdempotencyKey))];
        }

        Assert.True(pending.Count == 0, $"{pending.Count} action(s) still retryable after {maxRounds} rounds");
        return settled;
    }
}
