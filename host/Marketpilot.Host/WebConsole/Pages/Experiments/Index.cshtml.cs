using Marketpilot.Host.Rules;
using Marketpilot.Scripting;

namespace Marketpilot.Host.WebConsole.Pages.Experiments;

/// <summary>The rules and their rollouts: each links to its experiment.</summary>
public sealed class IndexModel(RuleStatusReader rules) : ConsolePage
{
    /// <summary>The rules that compiled.</summary>
    public IReadOnlyList<RuleStatus> Rules { get; private set; } = [];

    /// <summary>Reads the rules.</summary>
    public async Task OnGetAsync() => Rules = [.. (await rules.ReadAsync()).Where(r => r.Compiled)];
}
