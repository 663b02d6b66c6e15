using Marketpilot.Actions;
using Marketpilot.Actions.Connectors;
using Marketpilot.Actions.Control;
using Marketpilot.Host.Alerts;
using Marketpilot.Host.Api;
using Marketpilot.Host.Catalog;
using Marketpilot.Host.Rules;
using Marketpilot.Host.Sync;
using Marketpilot.Plugins;
using Marketpilot.Scripting.Metadata;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.WebConsole.Pages;

/// <summary>The overview: shops, SKUs, rules by mode, today's actions by status, plugin faults, the outbox, the last alerts.</summary>
public sealed class IndexModel(
    ConnectorDirectory directory, IOptions<SyncOptions> sync, StoredSkus skus, IActionLog log, RuleStatusReader rules, PluginCatalog plugins,
    AutomationSwitches switches, OperatorAlert alerts, TimeProvider time) : ConsolePage
{
    /// <summary>The shops the key sees.</summary>
    public IReadOnlyList<ShopView> Shops { get; private set; } = [];

    /// <summary>The marketplace-wide connectors (admin only), such as the simulator.</summary>
    public IReadOnlyList<string> Connectors { get; private set; } = [];

    /// <summary>SKUs with stored data in the shops the key sees.</summary>
    public int SkuCount { get; private set; }

    /// <summary>Rules by mode, and quarantined ones (admin only).</summary>
    public IReadOnlyDictionary<string, int> RulesByMode { get; private set; } = new Dictionary<string, int>();

    /// <summary>Actions proposed since midnight UTC, by status.</summary>
    public IReadOnlyList<(string Status, long Count)> ActionsToday { get; private set; } = [];

    /// <summary>Plugins that failed or are faulted (admin only).</summary>
    public IReadOnlyList<PluginInfo> PluginFaults { get; private set; } = [];

    /// <summary>Approved actions waiting in the outbox (admin only).</summary>
    public OutboxDepth? Outbox { get; private set; }

    /// <summary>Whether actions are dispatched at all.</summary>
    public bool AutomationEnabled { get; private set; }

    /// <summary>The last alerts the host sent (admin only).</summary>
    public IReadOnlyList<OperatorAlert.SentAlert> Alerts { get; private set; } = [];

    /// <summary>Reads everything the overview shows, limited to what the key may see.</summary>
    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Shops = [.. directory.Shops
            .Where(s => Access.CanSee(s.Definition.Marketplace, s.Definition.ShopId))
            .Select(s => ShopView.Of(s, sync.Value.PollIntervalMilliseconds, sync.Value.Enabled))];
        SkuCount = (await skus.ListAsync(Access.CanSee, cancellationToken)).Count;
        var today = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date, TimeSpan.Zero);
        var counts = new List<(string, long)>();
        foreach (var status in Enum.GetValues<ActionStatus>())
        {
            var page = await ShopActionQuery.QueryAsync(log, new ActionQuery(Status: status, Since: today, Limit: 1), Access.Shops, cancellationToken);
            counts.Add((ActionStatusNames.Of(status), page.Total));
        }

        ActionsToday = counts;
        AutomationEnabled = (await switches.RefreshAsync()).Enabled;
        if (Session.IsAdmin)
        {
            Connectors = [.. directory.Connectors.Select(c => $"{c.Marketplace} ({ConnectorDirectory.NameOf(c)})")];
            var statuses = await rules.ReadAsync();
            RulesByMode = new Dictionary<string, int>
            {
                ["live"] = statuses.Count(r => r.Compiled && !r.Quarantined && r.Mode == RuleMode.Live),
                ["dry-run"] = statuses.Count(r => r.Compiled && !r.Quarantined && r.Mode == RuleMode.DryRun),
                ["off"] = statuses.Count(r => r.Compiled && !r.Quarantined && r.Mode == RuleMode.Off),
                ["quarantined"] = statuses.Count(r => r.Quarantined),
                ["not compiled"] = statuses.Count(r => !r.Compiled),
            };
            PluginFaults = [.. plugins.Plugins.Where(p => p.Status != PluginStatus.Loaded || p.Reason is not null)];
            Outbox = await log.GetOutboxDepthAsync(cancellationToken);
            Alerts = [.. alerts.Recent.Take(10)];
        }
    }
}
