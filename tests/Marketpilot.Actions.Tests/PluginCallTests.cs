using Marketpilot.Actions.Connectors;

namespace Marketpilot.Actions.Tests;

public sealed class PluginCallTests
{
    [Fact]
    public async Task ACallThatIgnoresItsTokenIsAbandonedAtTheDeadline()
    {
        var never = new TaskCompletionSource<int>();

        var error = await Assert.ThrowsAsync<TimeoutException>(() => PluginCall.WithTimeoutAsync(_ => never.Task, TimeSpan.FromMilliseconds(50), CancellationToken.None));

        Assert.Contains("50 ms", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHostStoppingIsACancellationNotATimeout()
    {
        using var stopping = new CancellationTokenSource();
        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => PluginCall.WithTimeoutAsync(token => Task.Delay(1000, token).ContinueWith(_ => 1, token), TimeSpan.FromSeconds(5), stopping.Token));
    }

    [Theory]
    [InlineData(1, 500)]
    [InlineData(2, 1000)]
    [InlineData(5, 8000)]
    [InlineData(40, 10000)]
    public void TheBackoffDoublesUpToItsCeiling(int failures, int expectedMilliseconds)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMilliseconds), Backoff.After(failures, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void AWaitAMarketplaceAsksForIsHonouredPastTheCeilingUpToADay()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), Backoff.After(1, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)));
        Assert.Equal(Backoff.MaxAskedFor, Backoff.After(1, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.MaxValue));
        Assert.Equal(TimeSpan.FromSeconds(8), Backoff.After(5, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(1)));
    }
}
