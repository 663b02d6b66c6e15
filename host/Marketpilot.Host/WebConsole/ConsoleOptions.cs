using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Host.WebConsole;

/// <summary>Settings of the web console, bound to <c>Marketpilot:Console</c>.</summary>
public sealed class ConsoleOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Console";

    /// <summary>How long a session lasts since it was last used (sliding: a request after half of it renews it).</summary>
    /// <value>The default is 12 hours.</value>
    [Range(1, 24 * 30)]
    public int SessionHours { get; set; } = 12;

    /// <summary>
    /// Sessions one API key may have at once; signing in once more ends the key's oldest session. Together with the
    /// configured keys this bounds the memory sessions take (<see cref="ConsoleSessionStore"/>).
    /// </summary>
    /// <value>The default is 100.</value>
    [Range(1, 100_000)]
    public int MaxSessionsPerKey { get; set; } = 100;
}
