using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Host.Feeds;

/// <summary>How the host serves offer feeds, bound to <c>Marketpilot:Feeds</c>.</summary>
public sealed class FeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Feeds";

    /// <summary>
    /// The largest share of the last served feed's offers a new feed may lose; a feed listing fewer offers than
    /// (1 − this) × the last count is refused (503) and the operator alerted, so a bad build never delists a catalog.
    /// </summary>
    /// <value>The default is 0.1 (10%).</value>
    [Range(0.0, 1.0)]
    public double MaxDropShare { get; set; } = 0.1;
}
