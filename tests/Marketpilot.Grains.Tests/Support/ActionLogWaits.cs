using Marketpilot.Actions;

namespace Marketpilot.Grains.Tests.Support;

/// <summary>Waits for the outbox dispatcher, which settles actions in the background after the grain call returned.</summary>
internal static class ActionLogWaits
{
    /// <summary>Reads the page of <paramref name="query"/> once it has an action and none of its actions is still proposed.</summary>
    public static async Task<ActionPage> SettledAsync(this IActionLog log, ActionQuery query)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var page = await log.QueryAsync(query, timeout.Token);
            if (page.Items.Count > 0 && page.Items.All(r => r.Status != ActionStatus.Proposed))
            {
                return page;
            }

            await Task.Delay(25, timeout.Token);
        }
    }
}
