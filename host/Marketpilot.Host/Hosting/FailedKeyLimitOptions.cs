using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Host.Hosting;

/// <summary>
/// How many wrong API keys one client address may present before its attempts are refused, bound to
/// <c>Marketpilot:Api:FailedKeyLimit</c>. It counts the API's <c>X-Api-Key</c> and the console's sign-in alike
/// (<see cref="ApiKeyGate"/>); an IPv6 client counts by its /64 network.
/// </summary>
public sealed class FailedKeyLimitOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Api:FailedKeyLimit";

    /// <summary>Wrong keys an address may present within one window; the next attempt, even with a right key, gets 429.</summary>
    /// <value>The default is 10.</value>
    [Range(1, 100_000)]
    public int Failures { get; set; } = 10;

    /// <summary>The window the failures are counted in; the count starts again when it ends.</summary>
    /// <value>The default is 60 s.</value>
    [Range(1, 86_400)]
    public int WindowSeconds { get; set; } = 60;
}
