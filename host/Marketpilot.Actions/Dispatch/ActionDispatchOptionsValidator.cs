using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Dispatch;

/// <summary>Checks <see cref="ActionDispatchOptions"/> when the silo starts.</summary>
[OptionsValidator]
internal sealed partial class ActionDispatchOptionsValidator : IValidateOptions<ActionDispatchOptions>;
