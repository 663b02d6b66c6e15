using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Sdk.Conformance;

/// <summary>
/// Exercises an <see cref="IMarketplaceConnectorFactory"/>: first what needs no marketplace
/// (<see cref="ConformanceCheckNames.Factory"/>), then the connector checks (<see cref="ConformanceCheckNames.Connector"/>)
/// on a connector it creates. Framework-neutral: <c>marketpilot plugins verify</c> runs it on a plugin that serves shops.
/// </summary>
/// <remarks>
/// <para>
/// Without a marketplace the kit learns the settings a factory needs from its own refusals: it calls
/// <see cref="IMarketplaceConnectorFactory.Create"/> with empty settings and credentials, fills each key the
/// <see cref="ArgumentException"/> names with a placeholder (a marker text, then a loopback URL nothing answers on,
/// then <c>1</c>), and calls again until a connector comes back or the answer stops changing. A message that repeats a
/// placeholder fails; a connection to the placeholder URL while creating fails (<c>Create</c> must not call the marketplace).
/// </para>
/// <para>
/// The connector checks that call the marketplace run only against <see cref="ConnectorFactoryConformanceOptions.Shop"/>;
/// without one they are reported <see cref="ConformanceOutcome.Skipped"/>, and only
/// <see cref="ConformanceCheckNames.Capabilities"/> runs, on the connector built from placeholders.
/// </para>
/// </remarks>
/// <param name="factory">The factory to check.</param>
/// <param name="options">How to exercise it; <see langword="null"/> for the defaults.</param>
public sealed partial class ConnectorFactoryConformance(IMarketplaceConnectorFactory factory, ConnectorFactoryConformanceOptions? options = null)
{
    private const int MaxRounds = 12;
    private const int MaxKeysPerAnswer = 64;

    private readonly IMarketplaceConnectorFactory _factory = factory ?? throw new ArgumentNullException(nameof(factory));
    private readonly ConnectorFactoryConformanceOptions _options = options ?? new();
    private readonly string _marker = $"conformance-placeholder-{Guid.NewGuid():N}"[..36];

    /// <summary>Runs the factory checks, then the connector checks, in the order of their name lists.</summary>
    /// <param name="cancellationToken">Stops the run; the checks not yet run are not reported.</param>
    /// <returns>One result per check of <see cref="ConformanceCheckNames.Factory"/> and <see cref="ConformanceCheckNames.Connector"/>.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<IReadOnlyList<ConformanceCheckResult>> RunAllAsync(CancellationToken cancellationToken = default)
    {
        var state = Directory.CreateTempSubdirectory("marketpilot-conformance-");
        try
        {
            var results = new List<ConformanceCheckResult> { CheckMarketplace() };
            using var unanswered = new TcpListener(IPAddress.Loopback, 0);
            unanswered.Start();
            var probe = await ProbeAsync(state.FullName, $"http://127.0.0.1:{((IPEndPoint)unanswered.LocalEndpoint).Port}/{_marker}/", cancellationToken).ConfigureAwait(false);
            results.Add(RefusalResult(probe));
            results.Add(CreatedResult(probe, connectedWhileCreating: unanswered.Pending()));
            try
            {
                results.AddRange(_options.Shop is { } shop
                    ? await RunConnectorChecksAsync(shop with { Marketplace = SafeMarketplace() }, cancellationToken).ConfigureAwait(false)
                    : await RunOfflineConnectorChecksAsync(probe, cancellationToken).ConfigureAwait(false));
            }
            finally
            {
                await DisposeAsync(probe.Connector).ConfigureAwait(false);
            }

            return results;
        }
        finally
        {
            TryDelete(state);
        }
    }

    private ConformanceCheckResult CheckMarketplace()
    {
        const string Name = ConformanceCheckNames.FactoryMarketplace;
        try
        {
            var marketplace = _factory.Marketplace;
            return Marketplaces.IsWellFormed(marketplace)
                ? ConformanceCheckResult.Pass(Name, $"'{marketplace}'")
                : ConformanceCheckResult.Fail(Name, $"the marketplace id '{marketplace}' is not well-formed (1 to 32 lower-case letters, digits and '-', starting with a letter)");
        }
        catch (Exception ex)
        {
            return ConformanceCheckResult.Fail(Name, $"reading Marketplace threw {ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<IReadOnlyList<ConformanceCheckResult>> RunConnectorChecksAsync(ShopConnection shop, CancellationToken cancellationToken)
    {
        IMarketplaceConnector connector;
        try
        {
            connector = await CreateAsync(shop, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var reason = ex is TimeoutException
                ? $"Create did not return within {_options.CreateTimeout.TotalSeconds:0.#} s for the shop {shop}"
                : $"Create threw {ex.GetType().Name} for the shop {shop}: {ex.Message}";
            return [.. ConformanceCheckNames.Connector.Select(name => ConformanceCheckResult.Fail(name, reason))];
        }

        try
        {
            return await new ConnectorConformance(() => connector, _options.Connector).RunAllAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await DisposeAsync(connector).ConfigureAwait(false);
        }
    }

    private async Task<IReadOnlyList<ConformanceCheckResult>> RunOfflineConnectorChecksAsync(FactoryProbe probe, CancellationToken cancellationToken)
    {
        var results = new List<ConformanceCheckResult>
        {
            probe.Connector is { } connector
                ? await new ConnectorConformance(() => connector, _options.Connector).RunAsync(ConformanceCheckNames.Capabilities, cancellationToken).ConfigureAwait(false)
                : ConformanceCheckResult.Skip(ConformanceCheckNames.Capabilities, $"no connector could be created without a shop (see {ConformanceCheckNames.FactoryCreatesOffline}); {_options.NoShopReason}"),
        };
        results.AddRange(ConformanceCheckNames.Connector.Skip(1).Select(name => ConformanceCheckResult.Skip(name, _options.NoShopReason)));
        return results;
    }

    private ConformanceCheckResult RefusalResult(FactoryProbe probe)
    {
        const string Name = ConformanceCheckNames.FactoryRefusesMissingSettings;
        if (probe.Problem is { } problem)
        {
            return ConformanceCheckResult.Fail(Name, problem);
        }

        if (probe.FirstRefusal is null)
        {
            return ConformanceCheckResult.Skip(Name, "Create returned a connector with empty settings and credentials: the factory needs no key");
        }

        return probe.NamedKey
            ? ConformanceCheckResult.Pass(Name, $"ArgumentException '{probe.FirstRefusal}'; asked in turn for {Describe(probe.Supplied.Keys)}, never repeating a value")
            : ConformanceCheckResult.Fail(Name, $"the ArgumentException '{probe.FirstRefusal}' names no key: supplying the words it names changed nothing; name the missing key, for example Credentials:ApiKey");
    }

    private ConformanceCheckResult CreatedResult(FactoryProbe probe, bool connectedWhileCreating)
    {
        const string Name = ConformanceCheckNames.FactoryCreatesOffline;
        if (connectedWhileCreating)
        {
            return ConformanceCheckResult.Fail(Name, "Create connected to the placeholder URL it was given; it must not call the marketplace (the host creates connectors at start-up)");
        }

        if (probe.Problem is not null)
        {
            return ConformanceCheckResult.Skip(Name, $"not reached ({ConformanceCheckNames.FactoryRefusesMissingSettings} failed)");
        }

        if (probe.Connector is not { } connector)
        {
            return ConformanceCheckResult.Skip(Name, $"Create still refuses the placeholders ('{probe.LastRefusal}'); the checks that need a connector run with a shop");
        }

        var marketplace = SafeMarketplace();
        string? created;
        try
        {
            created = connector.Marketplace;
        }
        catch (Exception ex)
        {
            return ConformanceCheckResult.Fail(Name, $"the connector's Marketplace threw {ex.GetType().Name}: {ex.Message}");
        }

        return created == marketplace
            ? ConformanceCheckResult.Pass(Name, $"created a '{created}' connector from placeholders for {Describe(probe.Supplied.Keys)} without calling the marketplace")
            : ConformanceCheckResult.Fail(Name, $"the connector's Marketplace is '{created}', the factory's '{marketplace}'; they must be the same");
    }

    private string SafeMarketplace()
    {
        try
        {
            return _factory.Marketplace;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return "";
        }
    }

    private static string Describe(IEnumerable<string> keys) =>
        keys.Any() ? string.Join(", ", keys.Order(StringComparer.OrdinalIgnoreCase)) : "no key";

    private static async Task DisposeAsync(IMarketplaceConnector? connector)
    {
        switch (connector)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A connector may still hold a file in its state folder; the temp folder is left behind.
        }
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9_]*(?::[A-Za-z0-9_]+)*")]
    private static partial Regex KeyLikeWords();
}
