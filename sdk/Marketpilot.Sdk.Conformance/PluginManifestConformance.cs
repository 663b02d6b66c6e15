using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.Json;
using Marketpilot.Sdk.Plugins;

namespace Marketpilot.Sdk.Conformance;

/// <summary>
/// Checks a built plugin folder's <c>plugin.json</c> with the SDK's <see cref="PluginManifestRules"/>, the same rules the
/// host applies before it loads a plugin. Framework-neutral; reports each check by name
/// (<see cref="ConformanceCheckNames.Manifest"/>).
/// </summary>
public static class PluginManifestConformance
{
    /// <summary>The manifest's file name in a plugin folder.</summary>
    public const string FileName = "plugin.json";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The version of <c>Marketpilot.Sdk</c> these checks run with: its package (informational) version.</summary>
    public static Version SdkVersion { get; } = ReadSdkVersion(typeof(IPluginServiceRegistrator).Assembly);

    /// <summary>Runs every manifest check on a plugin folder.</summary>
    /// <param name="pluginFolder">The built (published) plugin folder: <c>plugin.json</c> next to the entry assembly.</param>
    /// <param name="checkShippedAssemblies">
    /// Whether to run <see cref="ConformanceCheckNames.NoSharedAssemblies"/> and <see cref="ConformanceCheckNames.SharedDependenciesNotNewer"/>;
    /// turn it off for a test's output folder, which holds the SDK and the test framework because the tests host the plugin.
    /// The shared assemblies' versions are compared with those the current process resolves, so run it in the host
    /// (<c>marketpilot plugins verify</c>).
    /// </param>
    /// <param name="hostSdkVersion">The SDK version to check <c>sdkVersion</c> against; <see langword="null"/> for <see cref="SdkVersion"/>.</param>
    /// <returns>One result per check in <see cref="ConformanceCheckNames.Manifest"/>. Never throws for a bad folder or manifest.</returns>
    public static IReadOnlyList<ConformanceCheckResult> Check(string pluginFolder, bool checkShippedAssemblies = true, Version? hostSdkVersion = null)
    {
        ArgumentNullException.ThrowIfNull(pluginFolder);
        var results = new List<ConformanceCheckResult>();
        var manifest = Read(pluginFolder, out var readProblem);
        if (manifest is null)
        {
            results.Add(ConformanceCheckResult.Fail(ConformanceCheckNames.ManifestPresent, readProblem!));
            results.Add(ConformanceCheckResult.Skip(ConformanceCheckNames.ManifestValid, $"no {FileName} to check"));
            results.Add(ConformanceCheckResult.Skip(ConformanceCheckNames.ManifestSdkVersion, $"no {FileName} to check"));
        }
        else
        {
            results.Add(ConformanceCheckResult.Pass(ConformanceCheckNames.ManifestPresent, $"{manifest.Id} {manifest.Version}"));
            var problems = Validate(manifest, pluginFolder);
            results.Add(problems.Count > 0
                ? ConformanceCheckResult.Fail(ConformanceCheckNames.ManifestValid, string.Join("; ", problems))
                : ConformanceCheckResult.Pass(ConformanceCheckNames.ManifestValid, $"id {manifest.Id}, kinds {string.Join(", ", manifest.Kinds!)}, {manifest.Configuration?.Count ?? 0} configuration key(s)"));
            var host = hostSdkVersion ?? SdkVersion;
            var sdk = PluginManifestRules.CheckSdkVersion(manifest.SdkVersion, host);
            results.Add(sdk is null
                ? ConformanceCheckResult.Pass(ConformanceCheckNames.ManifestSdkVersion, $"built for {manifest.SdkVersion}, runs on SDK {host.Major}.{host.Minor}")
                : ConformanceCheckResult.Fail(ConformanceCheckNames.ManifestSdkVersion, sdk));
        }

        results.Add(checkShippedAssemblies ? CheckShippedAssemblies(pluginFolder) : ConformanceCheckResult.Skip(ConformanceCheckNames.NoSharedAssemblies, "not checked for this folder"));
        results.Add(checkShippedAssemblies ? CheckSharedReferences(pluginFolder) : ConformanceCheckResult.Skip(ConformanceCheckNames.SharedDependenciesNotNewer, "not checked for this folder"));
        return results;
    }

    /// <summary>Reads the kinds a plugin folder's manifest declares.</summary>
    /// <param name="pluginFolder">The plugin folder.</param>
    /// <param name="problem">Why there is no readable manifest; <see langword="null"/> when there is one.</param>
    /// <returns>The declared kinds (empty when it declares none); <see langword="null"/> when there is no readable manifest. Never throws for a bad folder.</returns>
    public static IReadOnlyList<string>? ReadKinds(string pluginFolder, out string? problem) =>
        Read(pluginFolder, out problem) is { } manifest ? manifest.Kinds ?? [] : null;

    private static ConformanceCheckResult CheckSharedReferences(string pluginFolder)
    {
        const string Name = ConformanceCheckNames.SharedDependenciesNotNewer;
        if (!Directory.Exists(pluginFolder))
        {
            return ConformanceCheckResult.Fail(Name, $"the folder {pluginFolder} does not exist");
        }

        var problems = new SortedSet<string>(StringComparer.Ordinal);
        var checkedReferences = 0;
        foreach (var file in Directory.EnumerateFiles(pluginFolder, "*.dll", SearchOption.AllDirectories))
        {
            foreach (var (name, version) in ReferencedAssemblies(file).Where(r => IsShared(r.Name + ".dll") || r.Name == "Microsoft.Extensions.Options"))
            {
                checkedReferences++;
                if (HostVersionOf(name) is { } host && version > host)
                {
                    problems.Add($"{Path.GetFileName(file)} references {name} {version}, newer than the host's {host}");
                }
            }
        }

        return problems.Count > 0
            ? ConformanceCheckResult.Fail(Name, $"{string.Join("; ", problems)}; build against the host's versions (the plugin would get private copies whose types do not match the host's)")
            : ConformanceCheckResult.Pass(Name, $"{checkedReferences} reference(s) to shared assemblies, none newer than the host's");
    }

    private static List<(string Name, Version Version)> ReferencedAssemblies(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            using var pe = new PEReader(stream);
            if (!pe.HasMetadata)
            {
                return [];
            }

            var metadata = pe.GetMetadataReader();
            return [.. metadata.AssemblyReferences.Select(h => metadata.GetAssemblyReference(h)).Select(r => (metadata.GetString(r.Name), r.Version))];
        }
        catch (Exception ex) when (ex is BadImageFormatException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return []; // Not a .NET assembly (a native library); the loader reports a bad entry assembly itself.
        }
    }

    private static Version? HostVersionOf(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name)).GetName().Version;
        }
        catch (Exception ex) when (ex is FileNotFoundException or FileLoadException or BadImageFormatException)
        {
            return null; // The host does not have it, so it is not shared.
        }
    }

    private static ConformanceCheckResult CheckShippedAssemblies(string pluginFolder)
    {
        if (!Directory.Exists(pluginFolder))
        {
            return ConformanceCheckResult.Fail(ConformanceCheckNames.NoSharedAssemblies, $"the folder {pluginFolder} does not exist");
        }

        var shipped = Directory.EnumerateFiles(pluginFolder, "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(f => IsShared(f!))
            .Order(StringComparer.Ordinal)
            .ToList();
        return shipped.Count > 0
            ? ConformanceCheckResult.Fail(ConformanceCheckNames.NoSharedAssemblies, $"the folder ships {string.Join(", ", shipped)}; the host provides these (reference the SDK with Private=\"false\" ExcludeAssets=\"runtime\")")
            : ConformanceCheckResult.Pass(ConformanceCheckNames.NoSharedAssemblies, "no copy of Marketpilot.Sdk or a shared Microsoft.Extensions abstraction");
    }

    // The assemblies the host shares with every plugin (see the SDK's IPluginServiceRegistrator remarks).
    private static bool IsShared(string file) =>
        file.Equals("Marketpilot.Sdk.dll", StringComparison.OrdinalIgnoreCase)
        || (file.StartsWith("Microsoft.Extensions.", StringComparison.OrdinalIgnoreCase) && file.EndsWith(".Abstractions.dll", StringComparison.OrdinalIgnoreCase));

    private static List<string> Validate(ManifestDocument manifest, string pluginFolder)
    {
        var problems = new List<string>();
        if (!PluginManifestRules.IsValidId(manifest.Id))
        {
            problems.Add($"the id '{manifest.Id}' is not valid: use {PluginManifestRules.IdRule}");
        }

        if (!PluginManifestRules.IsValidVersion(manifest.Version))
        {
            problems.Add($"the version '{manifest.Version}' is not a SemVer version such as 1.2.0");
        }

        if (string.IsNullOrWhiteSpace(manifest.EntryAssembly))
        {
            problems.Add("there is no entryAssembly");
        }
        else if (Path.IsPathRooted(manifest.EntryAssembly) || manifest.EntryAssembly.Contains("..", StringComparison.Ordinal))
        {
            problems.Add($"the entryAssembly '{manifest.EntryAssembly}' must be a file name inside the plugin's folder");
        }
        else if (!File.Exists(Path.Combine(pluginFolder, manifest.EntryAssembly)))
        {
            problems.Add($"the entry assembly '{manifest.EntryAssembly}' is missing from the folder");
        }

        if (manifest.Kinds is not { Count: > 0 })
        {
            problems.Add($"kinds is empty; declare {string.Join(" and/or ", PluginKinds.All)}");
        }
        else if (PluginManifestRules.CheckKinds(manifest.Kinds) is { } kinds)
        {
            problems.Add(kinds);
        }

        if (PluginManifestRules.CheckConfigurationKeys(manifest.Configuration) is { } keys)
        {
            problems.Add(keys);
        }

        return problems;
    }

    private static ManifestDocument? Read(string pluginFolder, out string? problem)
    {
        var file = Path.Combine(pluginFolder, FileName);
        if (!File.Exists(file))
        {
            problem = $"{file} does not exist";
            return null;
        }

        try
        {
            var manifest = JsonSerializer.Deserialize<ManifestDocument>(File.ReadAllText(file), JsonOptions);
            problem = manifest is null ? $"{FileName} is null" : null;
            return manifest;
        }
        catch (Exception ex) when (ex is JsonException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            problem = $"{FileName} cannot be read: {ex.Message}";
            return null;
        }
    }

    private static Version ReadSdkVersion(Assembly sdk)
    {
        var informational = sdk.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return Version.TryParse(informational?.Split('+', '-')[0], out var version) ? version : sdk.GetName().Version ?? new Version(0, 0);
    }

    private sealed record ManifestDocument
    {
        public string? Id { get; init; }

        public string? Version { get; init; }

        public string? SdkVersion { get; init; }

        public string? EntryAssembly { get; init; }

        public List<string>? Kinds { get; init; }

        public List<PluginConfigurationKey?>? Configuration { get; init; }
    }
}
