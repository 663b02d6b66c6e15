using Marketpilot.Actions.Connectors;
using Marketpilot.Grains.Sync;
using Marketpilot.Host.Ingestion;
using Marketpilot.Plugins;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Sync;

/// <summary>
/// Pulls every configured shop's connector and every marketplace-wide connector page by page, one loop each, and records
/// what it returns in the grains. In a cluster every silo runs the loops, but only the holder of a loop's lease (see
/// <see cref="ISyncCursorGrain"/>) pulls it: each shop is pulled once per cluster, and another silo takes over when the
/// holder stops, dies or overruns its lease. Each loop has its own cursor, saved after each page, so a restart resumes where the
/// last run stopped, and its own poll interval. A shop's loop refuses (logs, does not record) items of another shop. A connector that throws,
/// hangs, returns invalid items or leads back to a cursor of the same pass (<see cref="SyncPass"/>) is logged and retried with back-off
/// (never sooner than a marketplace asked, <see cref="MarketplaceRateLimitedException"/>); it never stops the host.
/// </summary>
/// <remarks>
/// The connectors come from <see cref="IPluginRegistry"/>, looked up before every pull: a plugin loaded or replaced
/// while the host runs is pulled from at once, with the saved cursor; a removed one stops being pulled.
/// </remarks>
public sealed partial class ConnectorSyncService(
    ConnectorDirectory directory,
    IGrainFactory grains,
    CatalogIngestor ingestor,
    SnapshotValidator validator,
    IOptions<SyncOptions> options,
    TimeProvider time,
    ILocalSiloDetails silo,
    ILogger<ConnectorSyncService> logger,
    IPluginRegistry? plugins = null) : BackgroundService
{
    private readonly SyncOptions _options = options.Value;
    private readonly string _self = silo.SiloAddress.ToParsableString();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        using var changed = new SemaphoreSlim(0);
        void OnChanged(object? sender, EventArgs e) => changed.Release();
        if (plugins is not null)
        {
            plugins.Changed += OnChanged;
        }

        var running = new Dictionary<string, Task>(StringComparer.Ordinal);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var target in SyncTarget.All(directory, _options))
                {
                    if (!running.TryGetValue(target.Key, out var task) || task.IsCompleted)
                    {
                        running[target.Key] = Task.Run(() => SyncAsync(target, stoppingToken), CancellationToken.None);
                    }
                }

                try
                {
                    await changed.WaitAsync(stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }

            await Task.WhenAll(running.Values);
        }
        finally
        {
            if (plugins is not null)
            {
                plugins.Changed -= OnChanged;
            }
        }
    }

    private async Task SyncAsync(SyncTarget target, CancellationToken stoppingToken)
    {
        var marketplace = target.Key;
        var cursorGrain = grains.GetGrain<ISyncCursorGrain>(target.Key);
        var leaseDuration = target.LeaseDuration(directory.CallTimeout);
        var failures = 0;
        var waits = 0; // pulls in a row the marketplace asked to pause, which are not failures
        var pass = new SyncPass();
        string? holder = null; // who pulls, as last logged
        while (!stoppingToken.IsCancellationRequested)
        {
            var connector = directory.Find(target.Marketplace, target.ShopId);
            if (connector is null)
            {
                LogConnectorGone(logger, marketplace);
                break;
            }

            try
            {
                // One silo of a cluster pulls each loop; the others ask again until its holder stops or dies.
                var lease = await cursorGrain.AcquireAsync(_self, leaseDuration);
                if (lease.Holder != holder)
                {
                    holder = lease.Holder;
                    if (lease.Granted)
                    {
                        LogPullingHere(logger, marketplace, _self);
                    }
                    else
                    {
                        LogPulledElsewhere(logger, marketplace, holder);
                    }
                }

                if (!lease.Granted)
                {
                    await Task.Delay(target.LeaseCheckInterval, time, stoppingToken);
                    continue;
                }

                pass.Pulling(lease.Cursor);
                var page = await directory.CallAsync(connector, token => connector.PullAsync(lease.Cursor, token), stoppingToken);
                if (pass.LeadsBack(page))
                {
                    // Nothing of the page is recorded and the cursor stays: the loop asks again after its backoff, not at once.
                    throw new InvalidDataException(
                        $"The connector answered the pull from cursor '{lease.Cursor}' with more to come from cursor '{page.NextCursor}', which this pass already pulled from: its pages would repeat for ever.");
                }

                var cleaned = 0;
                var campaigns = Owned(target, Valid(marketplace, Cleaned(marketplace, page.Campaigns ?? [], ConnectorText.Clean, c => c.Key.ToString(), ref cleaned), validator.Validate, c => c.Key.ToString()), c => (c.Marketplace, c.ShopId), c => c.Key.ToString());
                var metrics = connector.Capabilities.EffectiveMetrics;
                var skus = Owned(target, Valid(marketplace, Cleaned(marketplace, page.Skus ?? [], ConnectorText.Clean, s => s.Key.ToString(), ref cleaned), s => validator.Validate(s, metrics), s => s.Key.ToString()), s => (s.Marketplace, s.ShopId), s => s.Key.ToString());
                await ingestor.IngestAsync(campaigns, stoppingToken);
                await ingestor.IngestAsync(skus, metrics, stoppingToken);

                // Events after the snapshots they may refer to: a SKU takes events only once it has a snapshot.
                var events = Owned(target, Valid(marketplace, page.Events ?? [], validator.Validate, e => $"event {e.Id}"), EventShop.Of, e => $"event {e.Id}");
                await ingestor.IngestAsync(events, stoppingToken);
                if (!await cursorGrain.SetCursorAsync(_self, page.NextCursor))
                {
                    // The lease passed on while this page was pulled (it outlived the lease); the new holder resumes from the saved cursor.
                    continue;
                }

                pass.Saved(page);

                if (skus.Count + campaigns.Count > 0)
                {
                    LogPulled(logger, marketplace, skus.Count, campaigns.Count, page.NextCursor);
                }

                if (cleaned > 0)
                {
                    LogCleaned(logger, cleaned, marketplace, SnapshotValidator.MaxTextLength);
                }

                (failures, waits) = (0, 0);
                if (!page.HasMore)
                {
                    await Task.Delay(target.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                TimeSpan backoff;
                if (ex is MarketplaceRateLimitedException limited)
                {
                    // Not a fault: the marketplace, or the connector's pacing of its quota, asked for a pause. At least the
                    // pause asked for, and growing with pauses in a row, so a connector that asks for none is not pulled in a tight loop.
                    waits++;
                    backoff = Backoff.After(waits, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(_options.MaxBackoffMilliseconds), limited.RetryAfter);
                    LogPullAskedToWait(logger, marketplace, waits, backoff, limited.Message);
                }
                else
                {
                    failures++;
                    backoff = Backoff.After(failures + 1, TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(_options.MaxBackoffMilliseconds));
                    LogPullFailed(logger, ex, marketplace, failures, backoff);
                }

                try
                {
                    await Task.Delay(backoff, time, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }

        if (holder == _self)
        {
            await ReleaseAsync(cursorGrain, marketplace);
        }
    }

    // On a clean stop the next silo takes the loop over at once instead of after the lease (a rolling upgrade's case).
    private async Task ReleaseAsync(ISyncCursorGrain cursorGrain, string marketplace)
    {
        try
        {
            await cursorGrain.ReleaseAsync(_self).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            LogReleaseFailed(logger, ex, marketplace);
        }
    }

    // A connector answers for its own shop only: data it returns for another would overwrite that shop's.
    private List<T> Owned<T>(SyncTarget target, List<T> items, Func<T, (string Marketplace, string ShopId)> keyOf, Func<T, string> describe)
    {
        var owned = new List<T>(items.Count);
        foreach (var item in items)
        {
            var (itemMarketplace, itemShop) = keyOf(item);
            if (target.Owns(itemMarketplace, itemShop))
            {
                owned.Add(item);
            }
            else
            {
                LogForeignItem(logger, target.Key, describe(item));
            }
        }

        return owned;
    }

    // Text a seller typed in the marketplace's cabinet is made plain rather than costing the item (ConnectorText).
    private List<T> Cleaned<T>(string marketplace, IReadOnlyList<T> items, Func<T, T> clean, Func<T, string> describe, ref int cleaned)
        where T : class
    {
        var result = new List<T>(items.Count);
        foreach (var item in items)
        {
            var plain = item is null ? item : clean(item);
            if (!ReferenceEquals(plain, item))
            {
                cleaned++;
                LogCleanedItem(logger, marketplace, describe(item!));
            }

            result.Add(plain!);
        }

        return result;
    }

    private List<T> Valid<T>(string marketplace, IReadOnlyList<T> items, Func<T, IReadOnlyList<FieldError>> validate, Func<T, string> describe)
    {
        var valid = new List<T>(items.Count);
        foreach (var item in items)
        {
            var errors = item is null ? [new FieldError("", "is null")] : validate(item);
            if (errors.Count == 0)
            {
                valid.Add(item!);
            }
            else
            {
                LogInvalidItem(logger, marketplace, item is null ? "null" : describe(item), string.Join("; ", errors.Select(e => e.Field.Length > 0 ? $"{e.Field}: {e.Message}" : e.Message)));
            }
        }

        return valid;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The connector for {Connector} is no longer loaded; stopped pulling from it")]
    private static partial void LogConnectorGone(ILogger logger, string connector);

    [LoggerMessage(Level = LogLevel.Information, Message = "This silo ({Silo}) now pulls {Connector}")]
    private static partial void LogPullingHere(ILogger logger, string connector, string silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connector} is pulled by silo {Holder}; this silo takes over if that one stops")]
    private static partial void LogPulledElsewhere(ILogger logger, string connector, string? holder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not give up pulling {Connector} on stop; another silo takes over when the lease ends")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string connector);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connector sync is disabled (Marketpilot:Sync:Enabled = false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "Pulled {SkuCount} SKUs and {CampaignCount} campaigns from {Connector}; next cursor {Cursor}")]
    private static partial void LogPulled(ILogger logger, string connector, int skuCount, int campaignCount, string? cursor);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Connector} asked to pause before the next pull ({Waits} in a row); pulling again in {Backoff}: {Reason}")]
    private static partial void LogPullAskedToWait(ILogger logger, string connector, int waits, TimeSpan backoff, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Pulling from {Connector} failed ({Failures} in a row); retrying in {Backoff}")]
    private static partial void LogPullFailed(ILogger logger, Exception exception, string connector, int failures, TimeSpan backoff);

    [LoggerMessage(Level = LogLevel.Error, Message = "The connector of {Connector} returned {Item}, which belongs to another marketplace or shop; refused it")]
    private static partial void LogForeignItem(ILogger logger, string connector, string item);

    [LoggerMessage(Level = LogLevel.Information, Message = "Cleaned the text of {Count} item(s) pulled from {Connector}: a title, category or name held characters that are not plain text or ran past {MaxLength} characters; recorded with that text cleaned")]
    private static partial void LogCleaned(ILogger logger, int count, string connector, int maxLength);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Connector} returned {Item} with text that is not plain text or too long; cleaned it")]
    private static partial void LogCleanedItem(ILogger logger, string connector, string item);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Connector} returned an invalid item {Item}; skipped it: {Errors}")]
    private static partial void LogInvalidItem(ILogger logger, string connector, string item, string errors);
}
