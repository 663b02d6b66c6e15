using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Diagnostics;

/// <summary>The console summary's settings, bound to <c>Marketpilot:Logging</c> and checked at start.</summary>
public sealed class ActivitySummaryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Logging";

    /// <summary>Seconds between two summary lines; 0 turns the summary off.</summary>
    /// <value>The default is 60.</value>
    [Range(0, 86_400)]
    public int SummaryIntervalSeconds { get; set; } = 60;
}

/// <summary>Checks <see cref="ActivitySummaryOptions"/> when the host starts.</summary>
[OptionsValidator]
internal sealed partial class ActivitySummaryOptionsValidator : IValidateOptions<ActivitySummaryOptions>;
