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
/// </para>
/// <para>
/// Only the most recent pages stay in memory (a day every 10 seconds adds up); an older cursor is served by
/// replaying the shop from day 0 with the actions applied so far, which gives the same data because the
/// shop is deterministic. Cursors survive a restart only in the sense that the same seed and start date
/// replay the same days; actions applied before the restart are forgotten. Thread-safe.
/// </para>
/// </remarks>
public sealed partial class SimulatorConnector : IMarketplaceConnector
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

    /// <summary>Creates the connector; its clock starts now.</summary>
    /// <param name="options">The shop to simulate.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <param name="logger">Where applied actions are logged at debug level.</param>
    /// <exception cref="ArgumentException">An option is out of range.</exception>
    public SimulatorConnector(SimulatorOptions options, TimeProvider? timeProvider = null, ILogger<SimulatorConnector>? logger = null)
        : this(options, timeProvider, logger, retainedDays: 1024)
    {
    }

    internal SimulatorConnector(SimulatorOptions options, TimeProvider? timeProvider, ILogger<SimulatorConnector>? logger, int retainedDays)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? NullLogger<SimulatorConnector>.Instance;
        _startedAt = _timeProvider.GetUtcNow();
        _startDate = options.StartDate ?? DateOnly.FromDateTime(_startedAt.UtcDateTime).AddDays(-options.BackfillDays);
        _retainedDays = Math.Max(1, retainedDays);
        _shop = new SimulatedShop(options, _startDate);
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
            while (_days.Count <= day)
            {
                cancellationToken.ThrowIfCancellationRequested();
                _days.Add(_shop.SimulateDay());
                if (_days.Count > _retainedDays)
                {
                    _days[_days.Count - _retainedDays - 1] = null;
                }
            }

            page = _days[day] ?? Replay(day, cancellationToken);
        }

        var next = day + 1;
        return Task.FromResult(new CatalogPage(page.Skus, page.Campaigns, next.ToString(CultureInfo.InvariantCulture), HasMore: next < ready));
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actions);
        cancellationToken.ThrowIfCancellationRequested();

        var results = new List<ActionResult>(actions.Count);
        lock (_gate)
        {
            foreach (var request in actions)
            {
                if (!_results.TryGetValue(request.IdempotencyKey, out var result))
                {
                    var dayIndex = _shop.DayIndex;
                    result = _shop.Apply(request);
                    _results.Add(request.IdempotencyKey, result);
                    if (result.Status == ActionResultStatus.Applied)
                    {
                        _applied.Add((dayIndex, request));
                    }

                    LogApplied(_logger, Marketplace, request.Action.Kind, request.Sku.Sku, result.Status);
                }

                results.Add(result);
            }
        }

        return Task.FromResult<IReadOnlyList<ActionResult>>(results);
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

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connector {Connector} applied {Action} to {Sku}: {Status}")]
    private static partial void LogApplied(ILogger logger, string connector, Sdk.Actions.ActionKind action, string sku, ActionResultStatus status);
}
