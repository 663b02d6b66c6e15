using Microsoft.Extensions.Options;

namespace Marketpilot.Plugins;

/// <summary>Checks <see cref="PluginRuntimeOptions"/> when the host starts.</summary>
[OptionsValidator]
internal sealed partial class PluginRuntimeOptionsValidator : IValidateOptions<PluginRuntimeOptions>;
