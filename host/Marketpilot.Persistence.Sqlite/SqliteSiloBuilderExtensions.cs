using Marketpilot.Grains.Storage;
using Marketpilot.Actions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Marketpilot.Persistence.Sqlite;

/// <summary>Adds the embedded SQLite grain storage and action log to a silo.</summary>
public static class SqliteSiloBuilderExtensions
{
    /// <summary>
    /// Adds the embedded store: one SQLite file holding the default grain storage, the action log and Orleans' reminders
    /// (<see cref="SqliteReminderTable"/>), so a SKU's state and its outbox records commit in one transaction and
    /// reminders outlive a restart. The file belongs to this one silo: at start it releases the
    /// leases of actions a previous run was dispatching, which are then sent again with the same idempotency keys.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="databasePath">The SQLite file; its folder is created if missing.</param>
    /// <param name="configure">Sets the grain storage's other options (group commit bounds); the path stays <paramref name="databasePath"/>.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddMarketpilotSqlite(this ISiloBuilder builder, string databasePath, Action<SqliteStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.AddSqliteGrainStorageAsDefault(options =>
        {
            configure?.Invoke(options);
            options.DatabasePath = path;
        });
        builder.AddSqliteActionLog(options => options.DatabasePath = path);
        builder.AddReminders();
        builder.Services.AddSingleton<IReminderTable>(services =>
        {
            var options = new SqliteStorageOptions();
            configure?.Invoke(options);
            options.DatabasePath = path;
            return new SqliteReminderTable(SqliteDatabase.For(options), services.GetRequiredService<IOptions<Orleans.Configuration.ClusterOptions>>());
        });
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, SqliteLeaseRelease>();
        return builder;
    }

    /// <summary>Adds <see cref="SqliteGrainStorage"/> as the storage grains use when they name no provider.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets <see cref="SqliteStorageOptions.DatabasePath"/> and the other options.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddSqliteGrainStorageAsDefault(this ISiloBuilder builder, Action<SqliteStorageOptions> configure) =>
        builder.AddSqliteGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure);

    /// <summary>
    /// Adds a named <see cref="SqliteGrainStorage"/>; its schema is created when the silo starts. It is also the
    /// <see cref="IGrainStateDirectory"/> keyed by <paramref name="name"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name grains use in <c>[PersistentState]</c>.</param>
    /// <param name="configure">Sets <see cref="SqliteStorageOptions.DatabasePath"/> and the other options.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddSqliteGrainStorage(this ISiloBuilder builder, string name, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        AddOptions(builder.Services, name, configure);
        builder.Services.AddGrainStateStore<SqliteGrainStorage, SqliteStorageOptions>(name);
        return builder;
    }

    /// <summary>Adds <see cref="SqliteActionLog"/> as the <see cref="IActionLog"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets <see cref="SqliteStorageOptions.DatabasePath"/>; the grain storage's file may be reused.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddSqliteActionLog(this ISiloBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        AddOptions(builder.Services, SqliteActionLog.OptionsName, configure);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<IActionLog>(static services =>
            new SqliteActionLog(services.GetRequiredService<IOptionsMonitor<SqliteStorageOptions>>().Get(SqliteActionLog.OptionsName)));
        return builder;
    }

    private static void AddOptions(IServiceCollection services, string name, Action<SqliteStorageOptions> configure)
    {
        services.AddOptions<SqliteStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
    }
}
