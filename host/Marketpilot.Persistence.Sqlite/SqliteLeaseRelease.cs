using Marketpilot.Actions;
using Microsoft.Extensions.Logging;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>
/// At start, before the outbox dispatcher runs, makes the actions a previous run had claimed due again: the embedded
/// file has one silo, so no one else holds those leases. They go out again under the same idempotency keys.
/// </summary>
internal sealed partial class SqliteLeaseRelease(IActionLog log, ILogger<SqliteLeaseRelease> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SqliteLeaseRelease), ServiceLifecycleStage.ApplicationServices, ReleaseAsync);

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        var released = await log.ReleaseLeasesAsync(cancellationToken);
        if (released > 0)
        {
            LogReleased(released);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} actions were being dispatched when the host last stopped; they are sent again with the same idempotency keys")]
    private partial void LogReleased(int count);
}
