using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Scheduling;

/// <summary>
/// Makes sure the rule schedule's reminder exists once the silo is active (<see cref="IRuleScheduleGrain.StartAsync"/>),
/// trying again every minute until it is stored. From then on the reminder wakes the scheduler grain on whichever silo
/// holds it, across restarts and dead silos. Off when <see cref="RuleScheduleOptions.Enabled"/> is false.
/// </summary>
/// <param name="grains">Reaches the scheduler grain.</param>
/// <param name="options">The schedule.</param>
/// <param name="timeProvider">The clock the retries wait on.</param>
/// <param name="logger">The logger.</param>
public sealed partial class RuleScheduleService(
    IGrainFactory grains,
    IOptions<RuleScheduleOptions> options,
    TimeProvider timeProvider,
    ILogger<RuleScheduleService> logger) : ILifecycleParticipant<ISiloLifecycle>, IDisposable
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    private readonly CancellationTokenSource _stopping = new();
    private Task _registering = Task.CompletedTask;
    private int _disposed;

    /// <summary>Registers the reminder when the silo becomes active.</summary>
    /// <param name="lifecycle">The silo lifecycle.</param>
    public void Participate(ISiloLifecycle lifecycle)
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        lifecycle.Subscribe(nameof(RuleScheduleService), ServiceLifecycleStage.Active, StartAsync, StopAsync);
    }

    /// <summary>Calls the scheduler grain until nothing is due now, as the reminder's wakes do.</summary>
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

    /// <summary>Stops trying to register.</summary>
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
            _registering = Task.Run(() => RegisterAsync(_stopping.Token), CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await _registering.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task RegisterAsync(CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IRuleScheduleGrain>(RuleScheduleGrain.Key).StartAsync();
                LogStarted(options.Value.TickPeriod.TotalSeconds);
                return;
            }
            catch (Exception exception) when (!stopping.IsCancellationRequested)
            {
                LogRegisterFailed(exception, RetryDelay.TotalSeconds);
            }

            try
            {
                await Task.Delay(RetryDelay, timeProvider, stopping);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "The rule schedule's reminder wakes it every {TickSeconds:0} s")]
    private partial void LogStarted(double tickSeconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "The rule schedule's reminder could not be registered; scheduled rules do not run until it is. Trying again in {RetrySeconds:0} s")]
    private partial void LogRegisterFailed(Exception exception, double retrySeconds);
}
