using System.Globalization;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Marketpilot.Connectors.Simulator;

/// <summary>The <c>simulator</c> marketplace: a <see cref="SimulatedShop"/> whose days become ready as real time passes.</summary>
/// <remarks>
/// <para>
/// <see cref="SimulatorOptions.BackfillDays"/> days are ready at once; after that a new day is ready every
/// 1 / <see cref="SimulatorOptions.DaysPerMinute"/> minutes of <see cref="TimeProvider"/> time. A cursor is the index
/// of the next day to pull. Every page is kept in memory, so pulling a cursor again returns the same data.
/// Only the most recent pages stay in memory (a day every 10 seconds adds up); an older cursor is served by
/// replaying the shop from day 0 with the actions applied so far, which gives the same data because the
/// shop is deterministic.
/// </para>
/// <para>
/// An action takes effect from the next day not simulated yet. Every idempotency key is answered once: a key seen
/// before gets its first answer again (an applied one as <see cref="ActionResultStatus.Applied"/>, with the same
/// <see cref="ActionResult.CreatedId"/>) and changes nothing.
/// </para>
/// <para>
/// With a <see cref="SimulatorOptions.StateDirectory"/>, the shop survives restarts: <c>shop.json</c> fixes its
/// catalog and calendar at the first start, and <c>ledger.jsonl</c> gets one line per delivered action, flushed to
/// disk before <see cref="ApplyAsync"/> answers. A new instance replays the ledger: the same keys, the same changes on
/// the same days, and actions it applies from then on take effect no earlier than the days that were ready when it
/// started. Without one, everything lives in memory. Thread-safe.
/// </para>
/// </remarks>
public sealed partial class SimulatorConnector : IMarketplaceConnector, IDisposable
{
    private readonly Lock _gate = new();
    private readonly SimulatorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly DateTimeOffset _startedAt;
    private readonly SimulatedShop _shop;
    private readonly DateOnly _startDate;
    private readonly int _retainedDays;
    private readonly List<SimulatedDay?> _days = [];
    private readonly Dictionary<string, ActionResult> _results = new(StringComparer.Ordinal);
    private readonly List<(int Day, ActionRequest Request)> _applied = [];
    private readonly Queue<LedgerEntry> _replay = new();
    private readonly ActionLedger? _ledger;
    private readonly int _firstNewDay;
    private Exception? _ledgerFailure;

    /// <summary>Creates the connector: a new shop whose clock starts now, or the shop kept in <see cref="SimulatorOptions.StateDirectory"/>.</summary>
    /// <param name="options">The shop to simulate.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where applied actions are logged at debug level, and what the state folder held at start.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    /// <exception cref="InvalidDataException">The state folder holds a file the simulator did not write.</exception>
    /// <exception cref="IOException">The state folder cannot be read or written.</exception>
    public SimulatorConnector(SimulatorOptions options, TimeProvider? timeProvider = null, ILogger<SimulatorConnector>? logger = null)
        : this(options, timeProvider, logger, retainedDays: 1024)
    {
    }

    internal SimulatorConnector(SimulatorOptions options, TimeProvider? timeProvider, ILogger<SimulatorConnector>? logger, int retainedDays)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SimulatorConnector>.Instance;
        _retainedDays = Math.Max(1, retainedDays);

        var definition = options.StateDirectory is null ? null : ShopDefinition.Read(options.StateDirectory);
        var restarted = definition is not null;
        definition ??= ShopDefinition.Create(options, _timeProvider.GetUtcNow());
        _options = definition.ToOptions(options);
        _startedAt = definition.StartedAt;
        _startDate = definition.StartDate;
        _shop = new SimulatedShop(_options, _startDate);

        if (options.StateDirectory is { } folder)
        {
            Directory.CreateDirectory(folder);
            if (restarted)
            {
                WarnAboutIgnoredSettings(definition, options, folder);
                // Days that were ready before the restart may have been pulled already: nothing new may change them.
                _firstNewDay = DaysReady;
            }
            else
            {
                definition.Write(folder);
            }

            _ledger = ActionLedger.Open(folder, out var entries, out var tornBytes);
            Restore(entries, tornBytes, restarted);
        }
    }

    /// <inheritdoc />
    public string Marketplace => Marketplaces.Simulator;

    /// <summary>
    /// Every action kind but <see cref="Sdk.Actions.ActionKind.Notify"/>; catalog, metrics and campaigns; batches of up
    /// to <see cref="ConnectorCapabilities.DefaultMaxBatchSize"/>.
    /// </summary>
    public static ConnectorCapabilities SupportedCapabilities { get; } = new()
    {
        ActionKinds = [.. Enum.GetValues<Sdk.Actions.ActionKind>().Where(k => k != Sdk.Actions.ActionKind.Notify)],
        CanPullCatalog = true,
        CanPullMetrics = true,
        CanPullCampaigns = true,
        MaxBatchSize = ConnectorCapabilities.DefaultMaxBatchSize,
    };

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities => SupportedCapabilities;

    /// <summary>How many days are ready to pull now.</summary>
    public int DaysReady
    {
        get
        {
            var elapsed = _timeProvider.GetUtcNow() - _startedAt;
            var simulated = Math.Floor(Math.Max(0, elapsed.TotalMinutes) * _options.DaysPerMinute);
            return (int)Math.Min(int.MaxValue, _options.BackfillDays + simulated);
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException"><paramref name="cursor"/> is not a day index this connector issued.</exception>
    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var day = ParseCursor(cursor);
        var ready = DaysReady;
        if (day >= ready)
        {
            return Task.FromResult(new CatalogPage([], [], day.ToString(CultureInfo.InvariantCulture), HasMore: false));
        }

        SimulatedDay page;
        lock (_gate)
        {
            SimulateThrough(day + 1, cancellationToken);
            page = _days[day] ?? Replay(day, cancellationToken);
        }

        var next = day + 1;
        return Task.FromResult(new CatalogPage(page.Skus, page.Campaigns, next.ToString(CultureInfo.InvariantCulture), HasMore: next < ready)
        {
            Events = SimulatedEvents.Of(page),
        });
    }

    /// <inheritdoc />
    /// <remarks>
    /// Each action is applied and its ledger line written under one lock, and the lines are flushed to disk before this
    /// method returns. A key seen before is answered as it was the first time and recorded as a <c>duplicate</c>
    /// (or again as <c>rejected</c>).
    /// </remarks>
    /// <exception cref="IOException">The ledger could not be written; the results are not given, and the connector refuses further actions until it is created again.</exception>
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        cancellationToken.ThrowIfCancellationRequested();

        var results = new List<ActionResult>(actions.Count);
        lock (_gate)
        {
            ThrowIfLedgerFailed();
            SimulateThrough(_firstNewDay, cancellationToken);
            ApplyReplayedActions();

            var entries = new List<LedgerEntry>(actions.Count);
            foreach (var request in actions)
            {
                var (result, outcome) = Answer(request);
                results.Add(result);
                entries.Add(new LedgerEntry(
                    request.IdempotencyKey, request.Sku.Sku, request.Action.Kind, outcome, _shop.DayIndex, request.Action, result.CreatedId, result.Reason, _timeProvider.GetUtcNow()));
                LogDelivered(_logger, Marketplace, request.Action.Kind, request.Sku.Sku, request.IdempotencyKey, outcome);
            }

            WriteLedger(entries);
        }

        return Task.FromResult<IReadOnlyList<ActionResult>>(results);
    }

    /// <summary>Closes the ledger.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _ledger?.Dispose();
        }
    }

    /// <summary>What the shop holds now for one SKU, as text (see <see cref="SimulatedShop.DescribeSku"/>); for tests.</summary>
    internal string DescribeSku(string sku)
    {
        lock (_gate)
        {
            return _shop.DescribeSku(sku);
        }
    }

    private SimulatedDay Replay(int day, CancellationToken cancellationToken)
    {
        var shop = new SimulatedShop(_options, _startDate);
        var next = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (; next < _applied.Count && _applied[next].Day == shop.DayIndex; next++)
            {
                shop.Apply(_applied[next].Request);
            }

            var simulated = shop.SimulateDay();
            if (simulated.Index == day)
            {
                return simulated;
            }
        }
    }

    private static int ParseCursor(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        return int.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            ? day
            : throw new ArgumentException($"'{cursor}' is not a simulator cursor (a day index).", nameof(cursor));
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Connector} got {Action} for {Sku} with key {ActionId}: {Outcome}")]
    private static partial void LogDelivered(ILogger logger, string connector, Sdk.Actions.ActionKind action, string sku, string actionId, string outcome);
}
