using Marketpilot.Actions;
using Marketpilot.Actions.Connectors;
using Marketpilot.Actions.Control;
using Marketpilot.Actions.Dispatch;
using Marketpilot.Plugins;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Marketpilot.Grains.Tests.Actions;

public sealed class ActionOutboxTests : IDisposable
{
    private readonly TempDatabase _database = new();
    private readonly FakeTimeProvider _time = new(Some.Now);

    [Fact]
    public async Task ARetryableFailureStaysProposedAndIsRetriedWithTheSameKeyUntilApplied()
    {
        var log = _database.ActionLog();
        var dispatcher = new ScriptedDispatcher(ActionResultStatus.RetryableFailure, ActionResultStatus.Applied);
        var outbox = Outbox(log, dispatcher);
        var record = Some.Action();
        await log.AppendAsync([record]);

        var first = (await outbox.DispatchAsync([record])).Single();
        var tooEarly = await outbox.DispatchDueAsync();
        _time.Advance(TimeSpan.FromSeconds(11));
        var retried = await outbox.DispatchDueAsync();
        var afterwards = await outbox.DispatchDueAsync();

        Assert.Equal(ActionStatus.Proposed, first.Status);
        Assert.Equal((0, 1, 0), (tooEarly, retried, afterwards));
        Assert.Equal([record.ActionId, record.ActionId], dispatcher.Keys);
        var stored = (await log.QueryAsync(new ActionQuery())).Items.Single();
        Assert.Equal((ActionStatus.Applied, 2, (DateTimeOffset?)null), (stored.Status, stored.Attempts, stored.NextAttemptAt));
    }

    [Fact]
    public async Task AnActionIsGivenUpAsFailedAfterMaxAttempts()
    {
        var log = _database.ActionLog();
        var outbox = Outbox(log, new ScriptedDispatcher(ActionResultStatus.RetryableFailure, ActionResultStatus.RetryableFailure), maxAttempts: 2);
        var record = Some.Action();
        await log.AppendAsync([record]);

        await outbox.DispatchAsync([record]);
        _time.Advance(TimeSpan.FromMinutes(1));
        await outbox.DispatchDueAsync();

        var stored = (await log.QueryAsync(new ActionQuery())).Items.Single();
        Assert.Equal(ActionStatus.Failed, stored.Status);
        Assert.StartsWith("gave up after 2 attempts", stored.StatusReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionLoggedButNeverDispatchedIsTakenUpOnceItsLeaseEnds()
    {
        var log = _database.ActionLog();
        var dispatcher = new ScriptedDispatcher(ActionResultStatus.Applied);
        var outbox = Outbox(log, dispatcher);
        var record = Some.Action() with { NextAttemptAt = outbox.LeaseUntil(_time.GetUtcNow()) };
        await log.AppendAsync([record]);

        var duringLease = await outbox.DispatchDueAsync();
        _time.Advance(TimeSpan.FromMinutes(5));
        var afterLease = await outbox.DispatchDueAsync();

        Assert.Equal((0, 1), (duringLease, afterLease));
        Assert.Equal(ActionStatus.Applied, (await log.QueryAsync(new ActionQuery())).Items.Single().Status);
    }

    [Fact]
    public async Task AnActionWhoseMarketplaceAskedForAPauseIsNotTriedAgainBeforeItEnds()
    {
        var log = _database.ActionLog();
        var connector = new RateLimitedConnector(TimeSpan.FromSeconds(45));
        var logger = new RecordingLogger();
        var outbox = Outbox(log, new ActionDispatcher(Directory(connector), logger));
        var record = Some.Action();
        await log.AppendAsync([record]);

        var first = (await outbox.DispatchAsync([record])).Single();
        _time.Advance(TimeSpan.FromSeconds(40));
        var tooEarly = await outbox.DispatchDueAsync();
        _time.Advance(TimeSpan.FromSeconds(6));
        var retried = await outbox.DispatchDueAsync();

        Assert.Equal(ActionStatus.Proposed, first.Status);
        Assert.Equal(Some.Now + TimeSpan.FromSeconds(45), first.NextAttemptAt);
        Assert.Contains("asked to wait 45 s", first.StatusReason, StringComparison.Ordinal);
        // A pause asked for is not a fault: told at Information, without an exception, unlike a connector that failed.
        var told = Assert.Single(logger.Entries);
        Assert.Equal((LogLevel.Information, null), (told.Level, told.Exception));
        Assert.Contains("was asked to pause before applying 1 actions; they stay pending for at least 00:00:45", told.Message, StringComparison.Ordinal);
        Assert.Equal((0, 1), (tooEarly, retried));
        Assert.Equal(ActionStatus.Applied, (await log.QueryAsync(new ActionQuery())).Items.Single().Status);
    }

    public void Dispose() => _database.Dispose();

    private static ConnectorDirectory Directory(params IMarketplaceConnector[] connectors) =>
        new(connectors, [], Options.Create(new PluginRuntimeOptions()));

    private ActionOutbox Outbox(IActionLog log, IActionDispatcher dispatcher, int maxAttempts = 20) => new(
        log,
        dispatcher,
        Directory(),
        new AutomationSwitches(null!, _time, NullLogger<AutomationSwitches>.Instance), // no rule switched off; never asks the grain
        Options.Create(new ActionDispatchOptions { MaxAttempts = maxAttempts }),
        _time,
        NullLogger<ActionOutbox>.Instance);

    /// <summary>Answers each dispatch with the next scripted status and records the keys it was given.</summary>
    private sealed class ScriptedDispatcher(params ActionResultStatus[] answers) : IActionDispatcher
    {
        private int _next;

        public List<string> Keys { get; } = [];

        public Task<IReadOnlyList<DispatchOutcome>> DispatchAsync(IReadOnlyList<ActionRecord> records, CancellationToken cancellationToken)
        {
            var status = answers[Math.Min(_next++, answers.Length - 1)];
            Keys.AddRange(records.Select(r => r.ActionId));
            return Task.FromResult<IReadOnlyList<DispatchOutcome>>([.. records.Select(r => new DispatchOutcome(r.ActionId, status, status.ToString()))]);
        }
    }

    /// <summary>Keeps what the dispatcher logs: its level, message and exception.</summary>
    private sealed class RecordingLogger : ILogger<ActionDispatcher>
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }

    /// <summary>Asks for a pause on its first call, then applies everything.</summary>
    private sealed class RateLimitedConnector(TimeSpan wait) : IMarketplaceConnector
    {
        private int _calls;

        public string Marketplace => Some.Action().Sku.Marketplace;

        public ConnectorCapabilities Capabilities { get; } = new() { ActionKinds = [.. Enum.GetValues<Marketpilot.Sdk.Actions.ActionKind>()] };

        public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken) =>
            Interlocked.Increment(ref _calls) == 1
                ? throw new MarketplaceRateLimitedException($"the marketplace answered 429 and asked to wait {wait.TotalSeconds:0} s", wait)
                : Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Applied))]);
    }
}
