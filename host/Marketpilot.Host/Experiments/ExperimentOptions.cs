using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Experiments;

/// <summary>How the host watches rules on a rollout (<c>Marketpilot:Experiments</c>).</summary>
public sealed class ExperimentOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot:Experiments";

    /// <summary>Seconds between checks of every rule's emergency thresholds against its report; 0 turns the checks off.</summary>
    [Range(0, 86_400)]
    public int CheckIntervalSeconds { get; set; } = 300;

    /// <summary>Who is told when a rule is stopped (a role the notification channels map to people).</summary>
    [Required(AllowEmptyStrings = false)]
    public string Recipient { get; set; } = "manager";
}

/// <summary>Validates <see cref="ExperimentOptions"/> at start.</summary>
[OptionsValidator]
public sealed partial class ExperimentOptionsValidator : IValidateOptions<ExperimentOptions>;
