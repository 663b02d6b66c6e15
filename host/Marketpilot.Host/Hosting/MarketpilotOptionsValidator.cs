using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Hosting;

/// <summary>Validates <see cref="MarketpilotOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class MarketpilotOptionsValidator : IValidateOptions<MarketpilotOptions>;
