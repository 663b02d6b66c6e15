using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting;

/// <summary>Checks <see cref="ScriptingOptions"/> against its data annotations when the host starts.</summary>
[OptionsValidator]
public sealed partial class ScriptingOptionsValidator : IValidateOptions<ScriptingOptions>;
