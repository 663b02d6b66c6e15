using Marketpilot.Grains.Serialization;
using Marketpilot.Grains.Tests.Support;
using Marketpilot.Persistence.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Serialization;
using Orleans.TestingHost;

namespace Marketpilot.Grains.Tests.Storage;

/// <summary>
/// Reminders of the embedded store outlive the silo: a silo registers one, stops, and a new silo on the same SQLite file
/// (same service id) has it and fires it, though nothing registered it again.
/// </summary>
public sealed class SqliteReminderDurabilityTests : IAsyncLifetime
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly TempDatabase _database = new();
    private InProcessTestCluster? _silo;

    [Fact]
    public async Task AReminderRegisteredBeforeARestartIsStillRegisteredAndFiresAfterIt()
    {
        await StartSiloAsync();
        await Probe("restart").RegisterAsync(Period, Period);
        await StopSiloAsync();

        await StartSiloAsync();
        var row = await Table.ReadRow(GrainId.Create("reminderprobe", "restart"), ReminderProbeGrain.ReminderName);

        Assert.True(await Probe("restart").IsRegisteredAsync());
        Assert.Equal(Period, row?.Period);
        Assert.Equal(ReminderProbeGrain.ReminderName, await Ticks.FirstTickAsync("restart").WaitAsync(Patience));
    }

    [Fact]
    public async Task AReminderRemovedBeforeARestartStaysRemoved()
    {
        await StartSiloAsync();
        await Probe("removed").RegisterAsync(TimeSpan.FromHours(1), TimeSpan.FromHours(1));
        await Probe("removed").UnregisterAsync();
        await StopSiloAsync();

        await StartSiloAsync();

        Assert.False(await Probe("removed").IsRegisteredAsync());
        Assert.Empty((await Table.ReadRows(0, 0)).Reminders);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await StopSiloAsync();
        _database.Dispose();
    }

    private InProcessTestCluster Silo => _silo ?? throw new InvalidOperationException("The silo is stopped.");

    private IReminderTable Table => Silo.Silos[0].ServiceProvider.GetRequiredService<IReminderTable>();

    private ReminderTicks Ticks => Silo.Silos[0].ServiceProvider.GetRequiredService<ReminderTicks>();

    private IReminderProbeGrain Probe(string key) => Silo.Client.GetGrain<IReminderProbeGrain>(key);

    // One silo on the temp file, as the embedded host runs; the service id stays the same across restarts, as the host's does.
    private async Task StartSiloAsync()
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.Options.ServiceId = "marketpilot-reminder-tests";
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddMarketpilotSqlite(_database.Path);

            // The grain interfaces of the Grains assembly take SDK types; without their codec the silo does not start.
            silo.Services.AddSerializer(serializer => serializer.AddMarketpilotSdkJson());
            silo.Services.AddSingleton<ReminderTicks>();

            // Orleans refuses periods under a minute by default; a second keeps the fire test short.
            silo.Services.Configure<ReminderOptions>(options => options.MinimumReminderPeriod = Period);
        });
        builder.ConfigureClient(client => client.Services.AddSerializer(serializer => serializer.AddMarketpilotSdkJson()));
        _silo = builder.Build();
        await _silo.DeployAsync();
    }

    private async Task StopSiloAsync()
    {
        if (_silo is not null)
        {
            await _silo.DisposeAsync();
            _silo = null;
        }
    }
}
