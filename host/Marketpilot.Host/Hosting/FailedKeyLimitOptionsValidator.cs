using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Hosting;

/// <summary>Validates <see cref="FailedKeyLimitOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class FailedKeyLimitOptionsValidator : IValidateOptions<FailedKeyLimitOptions>;
