using Microsoft.Extensions.Options;

namespace Marketpilot.Plugins.Shops;

/// <summary>Fails the host's start when <c>Marketpilot:Shops</c> has a problem, listing every one.</summary>
public sealed class ShopsOptionsValidator : IValidateOptions<ShopsOptions>
{
    /// <inheritdoc/>
    public ValidateOptionsResult Validate(string? name, ShopsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
    }
}
