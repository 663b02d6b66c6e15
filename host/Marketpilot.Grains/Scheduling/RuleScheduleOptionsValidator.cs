using Microsoft.Extensions.Options;

namespace Marketpilot.Grains.Scheduling;

/// <summary>Checks <see cref="RuleScheduleOptions"/> when the silo starts.</summary>
[OptionsValidator]
internal sealed partial class RuleScheduleOptionsValidator : IValidateOptions<RuleScheduleOptions>;
