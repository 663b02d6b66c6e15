extern alias host;

using host::Marketpilot.Host.Hosting;
using Microsoft.Extensions.Logging;
using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Extensions.Logging;

namespace Marketpilot.Host.Tests.Hosting;

/// <summary>The console drops Orleans' start-up watchdog warning that measures a "stall" from timestamp zero, and only that.</summary>
public sealed class ImpossibleStallFilterTests
{
    private const string Stalled = "Participant check thread has not completed for {TimeSinceLastTick}, potentially indicating lock contention or deadlock, CPU starvation, or another execution anomaly.";

    [Fact]
    public void AWatchdogStallLongerThanTheHostHasRunIsDroppedWhileOtherWarningsWithTheSameShapeAreKept()
    {
        var events = new List<LogEvent>();
        using var serilog = new LoggerConfiguration().Filter.With(new ImpossibleStallFilter()).WriteTo.Sink(new Collect(events)).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);

        factory.CreateLogger("Orleans.Runtime.Watchdog").LogWarning(Stalled, TimeSpan.FromHours(6.5));
        factory.CreateLogger("Marketpilot.Other").LogWarning(Stalled, TimeSpan.FromHours(6.5));
        factory.CreateLogger("Orleans.Runtime.Watchdog").LogWarning("{FailedChecks} of {ParticipantCount} components reported issues", 1, 3);

        Assert.Equal(["Marketpilot.Other", "Orleans.Runtime.Watchdog"], events.Select(e => ((ScalarValue)e.Properties["SourceContext"]).Value));
    }

    [Fact]
    public void AStallShorterThanTheHostHasRunIsARealOneAndIsKept()
    {
        var events = new List<LogEvent>();
        using var serilog = new LoggerConfiguration().WriteTo.Sink(new Collect(events)).CreateLogger();
        using var factory = new SerilogLoggerFactory(serilog);
        factory.CreateLogger("Orleans.Runtime.Watchdog").LogWarning(Stalled, TimeSpan.FromSeconds(30));

        Assert.False(ImpossibleStallFilter.IsImpossible(Assert.Single(events), running: TimeSpan.FromMinutes(5)));
        Assert.True(ImpossibleStallFilter.IsImpossible(events[0], running: TimeSpan.FromSeconds(3)));
    }

    private sealed class Collect(List<LogEvent> events) : ILogEventSink
    {
        public void Emit(LogEvent logEvent) => events.Add(logEvent);
    }
}
