using System.Net;
using Marketpilot.Actions;
using Marketpilot.Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Marketpilot.Persistence.PostgreSql;

/// <summary>Adds PostgreSQL storage, and optionally PostgreSQL clustering and reminders, to a silo.</summary>
public static class PostgreSqlSiloBuilderExtensions
{
    /// <summary>The ADO.NET invariant of Npgsql, which Orleans' ADO.NET providers load the driver by.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// Makes the silo a member of a cluster on PostgreSQL: membership and reminders through Orleans' ADO.NET providers,
    /// the default grain storage and the action log through this module, all in the one database of
    /// <paramref name="options"/>; the cluster and service ids, the endpoints and the membership probe timing as it says.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="options">The cluster options; checked here, so a bad value stops startup naming its key.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="OptionsValidationException">A value of <paramref name="options"/> is out of range or missing.</exception>
    public static ISiloBuilder UseMarketpilotPostgreSqlCluster(this ISiloBuilder builder, PostgreSqlClusterOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var address = Validate(options);

        builder.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        builder.ConfigureEndpoints(address, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: false);
        builder.Configure<ClusterMembershipOptions>(membership =>
        {
            membership.ProbeTimeout = TimeSpan.FromSeconds(options.ProbeTimeoutSeconds);
            membership.NumMissedProbesLimit = options.MissedProbesLimit;
        });
        return builder
            .UsePostgreSqlClustering(options.ToStorageOptions())
            .AddMarketpilotPostgreSql(options.ApplyTo);
    }

    /// <summary>
    /// Uses Orleans' ADO.NET membership and reminder providers on the database of <paramref name="storage"/>, and creates
    /// or upgrades the schema (with the providers' stored queries) as the silo starts, before they read it.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="storage">The database; <see cref="PostgreSqlStorageOptions.CreateSchemaOnStart"/> off leaves the schema to <c>db init</c>.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder UsePostgreSqlClustering(this ISiloBuilder builder, PostgreSqlStorageOptions storage)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(storage);
        builder.UseAdoNetClustering(clustering =>
        {
            clustering.Invariant = Invariant;
            clustering.ConnectionString = storage.ConnectionString;
        });
        builder.UseAdoNetReminderService(reminders =>
        {
            reminders.Invariant = Invariant;
            reminders.ConnectionString = storage.ConnectionString;
        });
        builder.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(_ => new PostgreSqlSchemaStartup(storage));
        return builder;
    }

    /// <summary>
    /// Adds the PostgreSQL store: the default grain storage and the action log in one database, so a SKU's state and its
    /// outbox records commit in one transaction. Unlike the embedded store it releases no leases at start: other silos
    /// may hold them, and a dead silo's leases end on their own.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the connection string and the other options.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddMarketpilotPostgreSql(this ISiloBuilder builder, Action<PostgreSqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        return builder
            .AddPostgreSqlGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configure)
            .AddPostgreSqlActionLog(configure);
    }

    /// <summary>
    /// Adds a named <see cref="PostgreSqlGrainStorage"/>; the schema is created when the silo starts. It is also the
    /// <see cref="IGrainStateDirectory"/> keyed by <paramref name="name"/>.
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="name">The provider name grains use in <c>[PersistentState]</c>.</param>
    /// <param name="configure">Sets the connection string and the other options.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddPostgreSqlGrainStorage(this ISiloBuilder builder, string name, Action<PostgreSqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(configure);

        AddOptions(builder.Services, name, configure);
        builder.Services.AddGrainStateStore<PostgreSqlGrainStorage, PostgreSqlStorageOptions>(name);
        return builder;
    }

    /// <summary>Adds <see cref="PostgreSqlActionLog"/> as the <see cref="IActionLog"/>.</summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Sets the connection string; use the grain storage's database so outbox records commit with the state.</param>
    /// <returns>The same builder.</returns>
    public static ISiloBuilder AddPostgreSqlActionLog(this ISiloBuilder builder, Action<PostgreSqlStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);

        AddOptions(builder.Services, PostgreSqlActionLog.OptionsName, configure);
        builder.Services.TryAddSingleton<IActionLog>(static services =>
            new PostgreSqlActionLog(services.GetRequiredService<IOptionsMonitor<PostgreSqlStorageOptions>>().Get(PostgreSqlActionLog.OptionsName)));
        return builder;
    }

    private static void AddOptions(IServiceCollection services, string name, Action<PostgreSqlStorageOptions> configure)
    {
        services.AddOptions<PostgreSqlStorageOptions>(name).Configure(configure).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgreSqlStorageOptions>, PostgreSqlStorageOptionsValidator>());
    }

    private static IPAddress Validate(PostgreSqlClusterOptions options)
    {
        var failures = new List<string>();
        var result = new PostgreSqlClusterOptionsValidator().Validate(null, options);
        if (result.Failed)
        {
            failures.AddRange(result.Failures.Select(f => $"{PostgreSqlClusterOptions.SectionName}: {f}"));
        }

        if (!IPAddress.TryParse(options.AdvertisedIp, out var address))
        {
            failures.Add($"{PostgreSqlClusterOptions.SectionName}:{nameof(PostgreSqlClusterOptions.AdvertisedIp)} '{options.AdvertisedIp}' is not an IP address.");
        }

        if (options.GatewayPort == options.SiloPort)
        {
            failures.Add($"{PostgreSqlClusterOptions.SectionName}:{nameof(PostgreSqlClusterOptions.GatewayPort)} must differ from SiloPort ({options.SiloPort}).");
        }

        return failures.Count == 0 && address is not null
            ? address
            : throw new OptionsValidationException(PostgreSqlClusterOptions.SectionName, typeof(PostgreSqlClusterOptions), failures);
    }
}
