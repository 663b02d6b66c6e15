using System.Globalization;
using Marketpilot.Actions.Control;
using Marketpilot.Actions.Undo;
using Marketpilot.Host.Rules;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Marketpilot.Host.WebConsole.Pages.Rules;

/// <summary>One rule: its source with its check diagnostics inline, its mode, and rolling back what it did.</summary>
public sealed class DetailModel(RuleStatusReader rules, AutomationSwitches switches, ActionUndoService undo) : ConsolePage
{
    /// <summary>The rule's status.</summary>
    public RuleStatus? Rule { get; private set; }

    /// <summary>The rule file's lines.</summary>
    public IReadOnlyList<string> Lines { get; private set; } = [];

    /// <inheritdoc />
    protected override bool AdminOnly => true;

    /// <summary>Reads the rule and its file.</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        Rule = (await rules.ReadAsync()).FirstOrDefault(r => r.Rule.Id == id);
        if (Rule is null)
        {
            return NotFound();
        }

        Lines = System.IO.File.Exists(Rule.Rule.Path) ? await System.IO.File.ReadAllLinesAsync(Rule.Rule.Path) : [];
        return Page();
    }

    /// <summary>Sets the rule's mode (live, dry-run, off), as <c>PUT /api/v1/rules/{id}/mode</c> does.</summary>
    public async Task<IActionResult> OnPostModeAsync(string id, string? mode)
    {
        if (!await KnownAsync(id))
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
        if (!await KnownAsync(id))
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

    private async Task<bool> KnownAsync(string id) => (await rules.ReadAsync()).Any(r => r.Rule.Id == id);
}
