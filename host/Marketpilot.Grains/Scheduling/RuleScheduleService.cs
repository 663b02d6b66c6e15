using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// Keeps the rule schedule ticking on this silo: once the silo is active, and again at every scheduled time, it calls the
/// <see cref="IRuleScheduleGrain"/> until nothing is due. Every silo runs one; the grain makes sure each scheduled time is
/// swept once, and whichever silo is still up keeps the schedule going.
/// </summary>
/// <remarks>
/// The silo has no reminder service (the embedded store has no reminder table), and none is needed: the schedule's
/// progress is in grain storage, and this loop only has to wake the grain. Off when <see cref="RuleScheduleOptions.Enabled"/> is false.
/// </remarks>
/// <param name="grains">Reaches the scheduler grain.</param>
/// <param name="options">The schedule.</param>
/// <param name="timeProvider">The clock the waits run on.</param>
/// <param name="logger">The logger.</param>
public sealed partial class RuleScheduleService(
    IGrainFactory grains,
    IOptions<RuleScheduleOptions> options,
    TimeProvider timeProvider,
    ILogger<RuleScheduleService> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private int _disposed;

    /// <summary>Starts the loop when the silo becomes active and stops it first when the silo stops.</summary>
    /// <param name="lifecycle">The silo lifecycle.</param>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(RuleScheduleService), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    /// <summary>Calls the scheduler grain until nothing is due now.</summary>
    /// <param name="cancellationToken">Stops between calls.</param>
    /// <returns>A task that completes when every due sweep has finished.</returns>
    public async Task RunDueAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = grains.GetGrain<IRuleScheduleGrain>(RuleScheduleGrain.Key);
        while (await scheduler.TickAsync())
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Stops the loop.</summary>
    public void Dispose()
    {
        // Registered under two service types, so the container may dispose it twice.
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _stopping.Cancel();
            _stopping.Dispose();
        }
    }

    private Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.Enabled)
        {
            _loop = Task.Run(() => LoopAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task LoopAsync(CancellationToken stopping)
    {
        var schedule = RuleSchedule.From(options.Value);
        while (!stopping.IsCancellationRequested)
        {
            var wait = RetryDelay;
            try
            {
                // The next time is taken from before the tick: one that passes while the tick runs is not skipped.
                var next = schedule.NextRunOf(RuleSchedule.Triggers, timeProvider.GetUtcNow())!.Value;
                await RunDueAsync(stopping);
                wait = TimeSpan.FromTicks(Math.Max(0, (next - timeProvider.GetUtcNow()).Ticks));
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                LogTickFailed(exception, RetryDelay.TotalSeconds);
            }

            try
            {
                await Task.Delay(wait, timeProvider, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The rule schedule could not be advanced; trying again in {RetrySeconds:0} s")]
    private partial void LogTickFailed(Exception exception, double retrySeconds);
}
