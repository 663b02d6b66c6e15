namespace Marketpilot.Scripting.Workers;

/// <summary>Where rules are compiled and evaluated (<c>Marketpilot:Scripting:Isolation</c>).</summary>
public enum RuleIsolation
{
    /// <summary>
    /// In worker processes confined by bubblewrap where <c>bwrap</c> is installed and works (Linux);
    /// otherwise in plain worker processes (same heap limit, empty environment and hard kill) with a
    /// warning at start naming the package to install.
    /// </summary>
    Auto,

    /// <summary>In worker processes confined by bubblewrap; the host refuses to start without it.</summary>
    Confined,

    /// <summary>In the host process itself, with only the language sandbox between a rule and the host; the host warns at start.</summary>
    InProcess,
}
