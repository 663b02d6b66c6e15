using Orleans.Providers;

namespace Marketpilot.Persistence.PostgreSql.Tests.Cluster;

/// <summary>The persisted state of <see cref="ClusterProbeGrain"/>.</summary>
[GenerateSerializer]
public sealed class ClusterProbeState
{
    [Id(0)]
    public int Count { get; set; }

    [Id(1)]
    public int Ticks { get; set; }
}

/// <summary>Counts calls and reminder ticks in the default grain storage.</summary>
public sealed class ClusterProbeGrain(
    [PersistentState("probe", ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME)] IPersistentState<ClusterProbeState> state,
    ILocalSiloDetails silo) : Grain, IClusterProbeGrain, IRemindable
{
    public async Task<int> IncrementAsync()
    {
        state.State.Count++;
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public Task<string> SiloAsync() => Task.FromResult(silo.SiloAddress.ToParsableString());

    public Task RemindAsync() => this.RegisterOrUpdateReminder("probe", TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

    public Task<int> TicksAsync() => Task.FromResult(state.State.Ticks);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        state.State.Ticks++;
        await state.WriteStateAsync();
    }
}
