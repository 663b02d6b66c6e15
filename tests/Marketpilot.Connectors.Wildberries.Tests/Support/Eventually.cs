namespace Marketpilot.Connectors.Wildberries.Tests.Support;

/// <summary>Waits for something a background call does, without asserting on how long it takes.</summary>
public static class Eventually
{
    public static async Task HappensAsync(Func<bool> condition)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }
}
