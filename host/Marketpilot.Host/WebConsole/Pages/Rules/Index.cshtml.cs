using Marketpilot.Actions.Control;
using Marketpilot.Host.Rules;
using Marketpilot.Scripting;
using Microsoft.AspNetCore.Mvc;

namespace Marketpilot.Host.WebConsole.Pages.Rules;

/// <summary>Every rule with its mode, version, triggers, runs, failures and stops; the kill switch of all dispatching.</summary>
public sealed class IndexModel(RuleStatusReader rules, AutomationSwitches switches) : ConsolePage
{
    /// <summary>The rules.</summary>
    public IReadOnlyList<RuleStatus> Rules { get; private set; } = [];

    /// <summary>Whether actions are dispatched.</summary>
    public bool AutomationEnabled { get; private set; }

    /// <inheritdoc />
    protected override bool AdminOnly => true;

    /// <summary>Reads the rules.</summary>
    public async Task OnGetAsync()
    {
        Rules = await rules.ReadAsync();
        AutomationEnabled = (await switches.RefreshAsync()).Enabled;
    }

    /// <summary>The kill switch: stops (or resumes) dispatching every action; approved ones wait in the outbox.</summary>
    public async Task<IActionResult> OnPostAutomationAsync(bool enabled)
    {
        await switches.SetEnabledAsync(enabled);
        Notice = enabled ? T["Automation is on: approved actions go out."] : T["Automation is off: nothing is dispatched until it is switched on."];
        return RedirectToPage();
    }
}
