using Marketpilot.Plugins.Shops;
using Microsoft.Extensions.Options;

namespace Marketpilot.Actions.Guardrails;

/// <summary>Fails the host's start when a configured shop's guardrails are not valid.</summary>
internal sealed class ShopGuardrailsValidator(IOptions<GuardrailSettings> global) : IValidateOptions<ShopsOptions>
{
    public ValidateOptionsResult Validate(string? name, ShopsOptions options) =>
        ShopGuardrailDefaults.Problems(global.Value, options.Shops).ToList() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems)
            : ValidateOptionsResult.Success;
}
