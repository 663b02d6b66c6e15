using Microsoft.Extensions.Logging;
using Orleans.Providers;

namespace Marketpilot.Actions.Guardrails;

/// <summary>Keeps a shop's own guardrails in grain storage; answers the configured defaults until they are set.</summary>
/// <param name="state">The persisted guardrails.</param>
/// <param name="defaults">The defaults from <c>Marketpilot:Guardrails</c>.</param>
/// <param name="logger">The logger.</param>
public sealed partial class ShopGuardrailsGrain(
    [PersistentState(ShopGuardrailsGrain.StateName, ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<ShopGuardrailsState> state,
    ShopGuardrailDefaults defaults,
    ILogger<ShopGuardrailsGrain> logger) : Grain, IShopGuardrailsGrain
{
    /// <summary>The name its state is stored under.</summary>
    public const string StateName = "guardrails";

    /// <inheritdoc/>
    public Task<ShopGuardrails> GetAsync() => Task.FromResult(Current);

    /// <inheritdoc/>
    public async Task<ShopGuardrails> SetAsync(GuardrailSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Validate() is { Count: > 0 } errors)
        {
            throw new ArgumentException(string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")), nameof(settings));
        }

        state.State.Settings = settings;
        await state.WriteStateAsync();
        LogChanged(this.GetPrimaryKeyString(), settings);
        return Current;
    }

    /// <inheritdoc/>
    public async Task<ShopGuardrails?> ReplaceAsync(GuardrailSettings expected, GuardrailSettings settings) =>
        Current.Settings == expected ? await SetAsync(settings) : null;

    private ShopGuardrails Current => state.State.Settings is { } own ? new(own, true) : new(defaults.For(this.GetPrimaryKeyString()), false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Guardrails of shop {Shop} changed to {Guardrails}")]
    private partial void LogChanged(string shop, GuardrailSettings guardrails);
}

/// <summary>The persisted state of <see cref="ShopGuardrailsGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Actions.ShopGuardrailsState")]
public sealed class ShopGuardrailsState
{
    /// <summary>The shop's own guardrails; <see langword="null"/> while it uses the defaults.</summary>
    [Id(0)]
    public GuardrailSettings? Settings { get; set; }
}
