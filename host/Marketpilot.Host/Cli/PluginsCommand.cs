using System.CommandLine;
using Marketpilot.Plugins;
using Marketpilot.Sdk.Conformance;
using Marketpilot.Sdk.Connectors;
using Marketpilot.Sdk.Plugins;
using Marketpilot.Sdk.Shops;

namespace Marketpilot.Host.Cli;

/// <summary><c>marketpilot plugins list|verify</c>: what the host would load, and whether a built plugin keeps the contract.</summary>
public static partial class PluginsCommand
{
    /// <summary>Builds the <c>plugins</c> command with its verbs.</summary>
    public static Command Create()
    {
        var pluginsOption = new Option<string>("--plugins") { Description = "Plugins folder, as for the host (Marketpilot:Plugins:Path); a relative path is resolved against the current directory." };
        var list = new Command("list", "Load every plugin as the host does and print id, version, kinds, status (loaded, failed, faulted) and the reason when not loaded (or which required configuration keys are missing). Exits 0.") { pluginsOption };
        list.SetAction((parse, cancellationToken) => ListAsync(parse.GetValue(pluginsOption), cancellationToken));

        var folder = new Argument<string>("folder") { Description = "A built (published) plugin folder: plugin.json next to the entry assembly." };
        var noApply = new Option<bool>("--no-apply") { Description = "Skip the checks that apply actions (use it when the connector's configuration points at a live shop)." };
        var send = new Option<bool>("--send") { Description = "Also run the channel checks that deliver notifications (use it only when the channel's configuration points at a test endpoint)." };
        var recipient = new Option<string>("--recipient") { Description = "The recipient the channel checks send to; one the channel serves (default: manager).", DefaultValueFactory = _ => "manager" };
        var shopSettings = new Option<string>("--shop-settings") { Description = "For a plugin that serves shops (IMarketplaceConnectorFactory): a JSON file with the Settings and Credentials of a test shop (an emulator or a sandbox), so the connector checks that call the marketplace run; without it they are skipped." };
        var verify = new Command("verify", "Run the conformance checks on a built plugin folder and print each as PASS, FAIL or SKIP. Exits 0 when none fails, 1 when any fails, 2 when --shop-settings cannot be used.") { folder, noApply, send, recipient, shopSettings };
        verify.SetAction((parse, cancellationToken) => VerifyAsync(
            parse.GetRequiredValue(folder),
            new VerifyChoices(parse.GetValue(noApply), parse.GetValue(send), parse.GetRequiredValue(recipient), parse.GetValue(shopSettings)),
            cancellationToken));

        return new Command("plugins", "List and verify connector and channel plugins.") { list, verify };
    }

    private static async Task<int> ListAsync(string? pluginsPath, CancellationToken cancellationToken)
    {
        await using var services = CliServices.BuildWithPlugins(pluginsPath is null ? null : Path.GetFullPath(pluginsPath));
        var catalog = services.GetRequiredService<PluginCatalog>();
        if (!catalog.FolderExists)
        {
            Console.Error.WriteLine($"The plugins folder {catalog.Path} does not exist.");
            return ExitCodes.Success;
        }

        var configuration = services.GetRequiredService<IConfiguration>();
        Console.Out.WriteLine($"Plugins in {catalog.Path}:");
        foreach (var plugin in catalog.Plugins)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var manifest = PluginManifest.Read(plugin.Path, out _);
            var kinds = manifest?.Kinds is { Count: > 0 } declared ? declared : plugin.Provides;

            // Only key names are ever printed, never values: declared keys may be secrets.
            var missing = manifest is null ? [] : manifest.FindMissingConfiguration(configuration.GetSection(manifest.ConfigurationSection));
            var reason = plugin.Reason ?? (missing.Count > 0 ? $"required configuration is missing: {string.Join(", ", missing.Select(k => $"{manifest!.ConfigurationSection}:{k}"))}" : null);
            var line = $"{plugin.Id}\t{plugin.Version ?? "-"}\t{(kinds.Count > 0 ? string.Join(",", kinds) : "-")}\t{plugin.Status.ToString().ToLowerInvariant()}";
            Console.Out.WriteLine(reason is null ? line : $"{line}\t{reason}");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> VerifyAsync(string folder, VerifyChoices choices, CancellationToken cancellationToken)
    {
        var pluginFolder = Path.GetFullPath(folder);
        ShopConnection? shop = null;
        if (choices.ShopSettings is { } shopSettings && (shop = ReadShopSettings(shopSettings, out var problem)) is null)
        {
            Console.Error.WriteLine($"--shop-settings {problem}");
            return ExitCodes.BadInput;
        }

        var results = new List<ConformanceCheckResult>(PluginManifestConformance.Check(pluginFolder, checkShippedAssemblies: true, HostSdkVersion.Current));
        if (results.All(r => r.Succeeded))
        {
            results.AddRange(await LoadAndCheckAsync(pluginFolder, choices, shop, cancellationToken));
        }

        foreach (var result in results)
        {
            Console.Out.WriteLine(result.ToString());
        }

        var failed = results.Where(r => !r.Succeeded).Select(r => r.Name).ToList();
        var skipped = results.Count(r => r.Outcome == ConformanceOutcome.Skipped);
        Console.Out.WriteLine(failed.Count == 0
            ? $"{pluginFolder}: {results.Count - skipped} check(s) passed, {skipped} skipped, none failed"
            : $"{pluginFolder}: {failed.Count} check(s) failed: {string.Join(", ", failed)}");
        return failed.Count == 0 ? ExitCodes.Success : ExitCodes.ChecksFailed;
    }

    // The plugin is loaded the way the host loads it, from a private copy of its folder, so nothing next to it loads too
    // and the build output stays unlocked.
    private static async Task<List<ConformanceCheckResult>> LoadAndCheckAsync(string pluginFolder, VerifyChoices choices, ShopConnection? shop, CancellationToken cancellationToken)
    {
        var results = new List<ConformanceCheckResult>();
        var root = Directory.CreateTempSubdirectory("marketpilot-verify-");
        try
        {
            var copy = Path.Combine(root.FullName, Path.GetFileName(Path.TrimEndingDirectorySeparator(pluginFolder)));
            CopyFolder(pluginFolder, copy);

            await using var services = CliServices.BuildWithPlugins(root.FullName);
            var plugin = services.GetRequiredService<PluginCatalog>().Plugins.SingleOrDefault();
            if (plugin is null || plugin.Status == PluginStatus.Failed)
            {
                results.Add(new(PluginLoads, ConformanceOutcome.Failed, plugin?.Reason ?? "the host found no plugin in the folder"));
                return results;
            }

            var manifest = PluginManifest.Read(copy, out _)!;
            var missing = manifest.FindMissingConfiguration(services.GetRequiredService<IConfiguration>().GetSection(manifest.ConfigurationSection));
            results.Add(missing.Count > 0
                ? new(PluginLoads, ConformanceOutcome.Failed, $"required configuration is missing: {string.Join(", ", missing.Select(k => $"{manifest.ConfigurationSection}:{k}"))}")
                : new(PluginLoads, ConformanceOutcome.Passed, $"{plugin.Id} {plugin.Version} loaded; provides {(plugin.Provides.Count > 0 ? string.Join(", ", plugin.Provides) : "nothing yet")}"));

            var registry = services.GetRequiredService<IPluginRegistry>();
            var connectors = registry.Connectors;
            var declaresConnector = manifest.Kinds.Contains(PluginKinds.Connector);
            var declaresChannel = manifest.Kinds.Contains(PluginKinds.Channel);
            var state = Directory.CreateDirectory(Path.Combine(root.FullName, "state")).FullName;
            PluginFactories factories;
            try
            {
                factories = declaresConnector || shop is not null
                    ? PluginFactories.Load(copy, manifest, services.GetRequiredService<IConfiguration>(), services.GetRequiredService<ILoggerFactory>(), state)
                    : PluginFactories.None;
            }
            catch (InvalidOperationException ex)
            {
                results.Add(new(KindsProvided, ConformanceOutcome.Failed, ex.Message));
                return results;
            }

            await using var disposeFactories = factories;
            results.Add(CheckKindsProvided(declaresConnector, connectors.Count + factories.Factories.Count, declaresChannel, registry.Channels.Count));

            foreach (var connector in connectors)
            {
                var conformance = new ConnectorConformance(() => connector, new ConnectorConformanceOptions { IncludeApplyChecks = !choices.NoApply });
                var prefix = connectors.Count > 1 ? $"{connector.Marketplace}:" : "";
                foreach (var result in await conformance.RunAllAsync(cancellationToken))
                {
                    results.Add(result with { Name = prefix + result.Name });
                }
            }

            results.AddRange(await CheckFactoriesAsync(factories, shop is null ? null : shop with { StateDirectory = Directory.CreateDirectory(Path.Combine(state, "shop")).FullName }, choices, cancellationToken));

            if (declaresChannel || registry.Channels.Count > 0)
            {
                results.AddRange(await PluginChannelChecks.RunAsync(registry.Channels, copy, choices.Send, choices.Recipient, cancellationToken));
            }

            return results;
        }
        finally
        {
            TryDelete(root);
        }
    }

    private static ConformanceCheckResult CheckKindsProvided(bool declaresConnector, int connectors, bool declaresChannel, int channels)
    {
        var problems = new List<string>();
        if (declaresConnector != connectors > 0)
        {
            problems.Add(declaresConnector ? "declares kind 'connector' but registers no IMarketplaceConnector or IMarketplaceConnectorFactory with the current configuration" : $"registers {connectors} connector(s) or connector factories without declaring kind 'connector'");
        }

        if (declaresChannel != channels > 0)
        {
            problems.Add(declaresChannel ? "declares kind 'channel' but registers no INotificationChannel with the current configuration" : $"registers {channels} channel(s) without declaring kind 'channel'");
        }

        return problems.Count > 0
            ? new(KindsProvided, ConformanceOutcome.Failed, string.Join("; ", problems))
            : new(KindsProvided, ConformanceOutcome.Passed, $"{connectors} connector(s) or connector factories, {channels} channel(s), as declared");
    }

    /// <summary>The check that the host loads the plugin and its required configuration is present.</summary>
    public const string PluginLoads = "plugin-loads";

    /// <summary>The check that the plugin registers what its manifest's kinds declare.</summary>
    public const string KindsProvided = "kinds-provided";

    private sealed record VerifyChoices(bool NoApply, bool Send, string Recipient, string? ShopSettings);

    private static void CopyFolder(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
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
            // A plugin's load context may still hold a file on some platforms; the temp folder is left behind.
        }
    }
}
