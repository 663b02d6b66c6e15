using Orleans.Providers;

namespace Marketpilot.Actions.Control;

/// <summary>The one record of a rule's emergency stop, in grain storage.</summary>
/// <param name="state">The stop (default storage).</param>
public sealed class RuleEmergencyGrain(
    [PersistentState("ruleEmergency", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<RuleEmergencyState> state) : Grain, IRuleEmergencyGrain
{
    /// <inheritdoc/>
    public Task<RuleEmergencyStop?> GetAsync() => Task.FromResult(state.State.Stop);

    /// <inheritdoc/>
    public async Task<RuleEmergencyStop> StopAsync(string version, string reason, DateTimeOffset at)
    {
        if (state.State.Stop is { } stopped && stopped.Version == version)
        {
            return stopped;
        }

        state.State.Stop = new RuleEmergencyStop(version, reason, at, null);
        await state.WriteStateAsync();
        return state.State.Stop;
    }

    /// <inheritdoc/>
    public async Task MarkHandledAsync(string version, DateTimeOffset at)
    {
        if (state.State.Stop is { HandledAt: null } stop && stop.Version == version)
        {
            state.State.Stop = stop with { HandledAt = at };
            await state.WriteStateAsync();
        }
    }
}

/// <summary>The persisted state of a <see cref="RuleEmergencyGrain"/>.</summary>
[GenerateSerializer]
[Alias("Marketpilot.Actions.Control.RuleEmergencyState")]
public sealed class RuleEmergencyState
{
    /// <summary>The rule's last emergency stop.</summary>
    [Id(0)]
    public RuleEmergencyStop? Stop { get; set; }
}
