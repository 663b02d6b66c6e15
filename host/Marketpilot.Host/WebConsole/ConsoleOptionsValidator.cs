using Microsoft.Extensions.Options;

namespace Marketpilot.Host.WebConsole;

/// <summary>Validates <see cref="ConsoleOptions"/> when the host starts.</summary>
[OptionsValidator]
public sealed partial class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>;
