using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Guardrails;

/// <summary>Checks the default guardrails (<c>Marketpilot:Guardrails</c>) when the host starts.</summary>
internal sealed class GuardrailSettingsValidator : IValidateOptions<GuardrailSettings>
{
    public ValidateOptionsResult Validate(string? name, GuardrailSettings options) =>
        options.Validate() is { Count: > 0 } errors
            ? ValidateOptionsResult.Fail(errors.Select(e => $"{GuardrailSettings.SectionName}:{char.ToUpperInvariant(e.Key[0])}{e.Key[1..]} {e.Value}"))
            : ValidateOptionsResult.Success;
}
