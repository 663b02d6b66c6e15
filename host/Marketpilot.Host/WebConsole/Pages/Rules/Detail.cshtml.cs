using System.Globalization;
using Marketpilot.Actions.Control;
using Marketpilot.Actions.Undo;
using Marketpilot.Host.Backtest;
using Marketpilot.Host.Catalog;
using Marketpilot.Host.Rules;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Marketpilot.Host.WebConsole.Pages.Rules;

/// <summary>One rule: its source with its check diagnostics inline, its mode, and rolling back what it did.</summary>
public sealed class DetailModel(RuleStatusReader rules, AutomationSwitches switches, ActionUndoService undo, IRuleRunner runner, RulePreview preview, StoredSkus skus)
    : ConsolePage
{
    /// <summary>The most SKUs one dry-run takes.</summary>
    public const int MaxDryRunSkus = 20;

    /// <summary>The SKU ids the dry-run was asked for, as typed.</summary>
    [BindProperty(SupportsGet = true, Name = "dryrun")]
    public string? DryRunSkus { get; set; }

    /// <summary>How many of the newest stored days the backtest replays; none unless asked.</summary>
    [BindProperty(SupportsGet = true, Name = "backtest")]
    public int? BacktestDays { get; set; }

    /// <summary>What the dry-run found; <see langword="null"/> when none was asked for.</summary>
    public IReadOnlyList<PreviewLine>? DryRun { get; private set; }

    /// <summary>What the backtest found; <see langword="null"/> when none was asked for.</summary>
    public BacktestResult? Backtest { get; private set; }

    /// <summary>Why the dry-run or backtest could not run.</summary>
    public string? PreviewProblem { get; private set; }

    /// <summary>The rule's status.</summary>
    public RuleStatus? Rule { get; private set; }

    /// <summary>The rule file's lines.</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <inheritdoc />
    protected override bool AdminOnly => true;

    /// <summary>Reads the rule and its file.</summary>
    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        Rule = (await rules.ReadAsync()).FirstOrDefault(r => r.Rule.Id == id);
        if (Rule is null)
        {
            return NotFound();
        }

        Lines = System.IO.File.Exists(Rule.Rule.Path) ? await System.IO.File.ReadAllLinesAsync(Rule.Rule.Path) : [];
        await PreviewAsync(id, cancellationToken);
        return Page();
    }

    // A dry-run and a backtest record nothing, so they are reads (a link can be shared); both run in the rule workers.
    private async Task PreviewAsync(string id, CancellationToken cancellationToken)
    {
        if (DryRunSkus is null && BacktestDays is null)
        {
            return;
        }

        if (runner.Rules.FirstOrDefault(r => r.Id == id) is not { } loaded)
        {
            PreviewProblem = T["The rule does not compile, so it cannot run."];
            return;
        }

        if (DryRunSkus is not null)
        {
            var wanted = DryRunSkus.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct(StringComparer.Ordinal).Take(MaxDryRunSkus).ToHashSet(StringComparer.Ordinal);
            var keys = await skus.ListAsync(k => Access.CanSee(k) && wanted.Contains(k.Sku), cancellationToken);
            var missing = wanted.Where(w => !keys.Any(k => k.Sku == w)).ToList();
            DryRun = await preview.DryRunAsync(loaded, keys, cancellationToken);
            if (missing.Count > 0)
            {
                PreviewProblem = string.Format(CultureInfo.CurrentCulture, T["No stored SKU has the id {0}."], string.Join(", ", missing));
            }
        }

        if (BacktestDays is { } days)
        {
            Backtest = await preview.BacktestAsync(loaded, Access.CanSee, Math.Clamp(days, 1, 365), cancellationToken);
        }
    }

    /// <summary>Sets the rule's mode (live, dry-run, off), as <c>PUT /api/v1/rules/{id}/mode</c> does.</summary>
    public async Task<IActionResult> OnPostModeAsync(string id, string? mode)
    {
        if (!Known(id))
        {
            return NotFound();
        }

        if (!RuleModeNames.TryParse(mode, out var parsed))
        {
            Notice = string.Format(CultureInfo.CurrentCulture, T["'{0}' is not a mode."], mode);
            return RedirectToPage(new { id });
        }

        await switches.SetRuleModeAsync(id, parsed);
        Notice = string.Format(CultureInfo.CurrentCulture, T["Rule {0} is now {1}."], id, T[RuleModeNames.Of(parsed)]);
        return RedirectToPage(new { id });
    }

    /// <summary>Switches the rule off and undoes what it applied since a time, as <c>POST /api/v1/rules/{id}/rollback</c> does.</summary>
    public async Task<IActionResult> OnPostRollbackAsync(string id, DateTimeOffset? since)
    {
        if (!Known(id))
        {
            return NotFound();
        }

        if (since is not { } from)
        {
            Notice = T["Give the time to roll back from."];
            return RedirectToPage(new { id });
        }

        // Not cancelled with the request: a rollback is never left half done.
        var outcome = await undo.RollbackAsync(id, from, CancellationToken.None);
        Notice = string.Format(CultureInfo.CurrentCulture, T["Rule {0} is off; {1} undo actions queued, {2} left as they are."], id, outcome.ActionIds.Count, outcome.Skipped.Count);
        return RedirectToPage(new { id });
    }

    /// <summary>The diagnostics on <paramref name="line"/> (1-based).</summary>
    public IEnumerable<RuleDiagnostic> DiagnosticsAt(int line) => Rule?.Diagnostics.Where(d => d.Line == line) ?? [];

    // Any rule file, compiled or not, as the API's mode and rollback routes accept.
    private bool Known(string id) => runner.Describe().Any(r => r.Rule.Id == id);
}
