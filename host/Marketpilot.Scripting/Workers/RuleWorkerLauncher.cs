using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Marketpilot.Scripting.Workers;

/// <summary>Builds the command line of a worker process: the host's own executable with <c>rules worker</c>, under bubblewrap when confined.</summary>
/// <param name="options">The scripting options.</param>
/// <param name="bubblewrap">The <c>bwrap</c> executable; <see langword="null"/> for plain worker processes.</param>
internal sealed class RuleWorkerLauncher(ScriptingOptions options, string? bubblewrap)
{
    /// <summary>The CLI words that start the worker verb.</summary>
    public static readonly string[] WorkerVerb = ["rules", "worker"];

    private static readonly string[] SystemFolders = ["/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32"];

    /// <summary>Whether workers start under bubblewrap.</summary>
    public bool Confined => bubblewrap is not null;

    /// <summary>The <c>bwrap</c> executable on <c>PATH</c>, when this is Linux, it is installed and it can create a sandbox here (user namespaces allowed).</summary>
    /// <returns>Its path, or <see langword="null"/>.</returns>
    public static string? FindBubblewrap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        if (FindExecutable("bwrap") is not { } bwrap)
        {
            return null;
        }

        // Installed is not enough: containers often forbid the namespaces it needs.
        try
        {
            using var probe = Process.Start(new ProcessStartInfo(bwrap)
            {
                ArgumentList = { "--unshare-all", "--ro-bind", "/", "/", "--", "/bin/true" },
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            });
            if (probe is null || !probe.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                probe?.Kill(entireProcessTree: true);
                return null;
            }

            return probe.ExitCode == 0 ? bwrap : null;
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or IOException)
        {
            return null;
        }
    }

    /// <summary>The start info of one worker: an empty environment but the runtime's folder and the heap limit, the host's working directory, standard streams redirected.</summary>
    public ProcessStartInfo CreateStartInfo()
    {
        var command = options.WorkerCommand ?? DefaultCommand();
        // The worker's environment has no PATH: name the executable by its full path.
        command = [FindExecutable(command[0]) ?? command[0], .. command.Skip(1)];
        var runtimeRoot = RuntimeRoot();
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["DOTNET_ROOT"] = runtimeRoot,
            ["DOTNET_GCHeapHardLimit"] = ((long)options.WorkerHeapLimitMegabytes * 1024 * 1024).ToString("X", CultureInfo.InvariantCulture),
            ["DOTNET_gcServer"] = "0",
            ["DOTNET_GCgen0size"] = Gen0Budget(options.WorkerHeapLimitMegabytes).ToString("X", CultureInfo.InvariantCulture),
            // A worker's threads wait for the next message; spinning for it (sched_yield) cost a confined worker a
            // third of its CPU and a 100,000-SKU sweep 25% more time (docs/performance.md).
            ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        if (OperatingSystem.IsWindows() && Environment.GetEnvironmentVariable("SystemRoot") is { } systemRoot)
        {
            // The runtime cannot start on Windows without it; it names a system folder, not a secret.
            environment["SystemRoot"] = systemRoot;
        }

        var workingDirectory = Environment.CurrentDirectory;

        ProcessStartInfo info;
        IEnumerable<string> arguments;
        if (bubblewrap is null)
        {
            info = new ProcessStartInfo(command[0]) { WorkingDirectory = workingDirectory };
            arguments = command.Skip(1);
            info.Environment.Clear();
            foreach (var (name, value) in environment)
            {
                info.Environment[name] = value;
            }
        }
        else
        {
            info = new ProcessStartInfo(bubblewrap);
            arguments = SandboxArguments(command, runtimeRoot, workingDirectory, environment).Concat(command.Skip(1));
            // bwrap itself needs nothing from the host's environment either.
            info.Environment.Clear();
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return info;
    }

    // A worker allocates hundreds of MB a second in a sweep (each message's contexts, globals and outputs) and keeps next to
    // nothing. With the runtime's default gen0 budget (a few MB, from the cache size) it collected ~130 times a second,
    // each time promoting the message in hand, and collecting was half of its CPU (docs/performance.md). A sixteenth
    // of the heap limit, between 4 and 32 MB, keeps the collections rare and far inside the limit.
    internal static long Gen0Budget(int heapLimitMegabytes) => Math.Clamp(heapLimitMegabytes / 16, 4, 32) * 1024L * 1024;

    private IEnumerable<string> SandboxArguments(IReadOnlyList<string> command, string runtimeRoot, string workingDirectory, Dictionary<string, string> environment)
    {
        // No network, no IPC, no view of other processes; a fresh session so it cannot reach the host's terminal.
        yield return "--unshare-all";
        yield return "--die-with-parent";
        yield return "--new-session";
        foreach (var argument in ReadOnly("/usr"))
        {
            yield return argument;
        }

        foreach (var folder in SystemFolders)
        {
            var info = new DirectoryInfo(folder);
            if (info.LinkTarget is { } target)
            {
                yield return "--symlink";
                yield return target;
                yield return folder;
            }
            else if (info.Exists)
            {
                foreach (var argument in ReadOnly(folder))
                {
                    yield return argument;
                }
            }
        }

        foreach (var argument in ReadOnly("/etc/ld.so.cache"))
        {
            yield return argument;
        }

        yield return "--proc";
        yield return "/proc";
        yield return "--dev";
        yield return "/dev";
        yield return "--tmpfs";
        yield return "/tmp";

        var application = Path.GetDirectoryName(Path.GetFullPath(command.Count > 1 && IsMuxer(command[0]) ? command[1] : command[0]))!;
        var visible = new List<string> { runtimeRoot, application };
        if (IsMuxer(command[0]))
        {
            visible.Add(Path.GetDirectoryName(ResolveLinks(command[0]))!);
        }

        foreach (var folder in visible.Distinct(StringComparer.Ordinal))
        {
            foreach (var argument in ReadOnly(folder))
            {
                yield return argument;
            }
        }

        // The data and plugins folders (and anything else the host names) stay hidden even inside the application folder.
        foreach (var concealed in options.WorkerConcealedPaths.Select(Path.GetFullPath).Where(Directory.Exists))
        {
            yield return "--tmpfs";
            yield return concealed;
        }

        var readable = new List<string> { options.GetFullScriptsPath() };
        readable.AddRange(options.WorkerReadablePaths.Select(Path.GetFullPath));
        if (options.CachePath is { Length: > 0 } cache)
        {
            readable.Add(Path.GetFullPath(cache));
        }

        foreach (var folder in readable.Distinct(StringComparer.Ordinal))
        {
            foreach (var argument in ReadOnly(folder))
            {
                yield return argument;
            }
        }

        // The worker resolves relative script paths as the host does; the folder exists (empty) if nothing is bound there.
        yield return "--dir";
        yield return workingDirectory;
        yield return "--chdir";
        yield return workingDirectory;
        yield return "--clearenv";
        foreach (var (name, value) in environment)
        {
            yield return "--setenv";
            yield return name;
            yield return value;
        }

        yield return "--";
        yield return IsMuxer(command[0]) ? ResolveLinks(command[0]) : command[0];
    }

    private static string? FindExecutable(string name) =>
        Path.IsPathRooted(name) || name.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? Path.GetFullPath(name)
            : (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, name))
                .FirstOrDefault(File.Exists);

    private static string[] ReadOnly(string path) => ["--ro-bind-try", path, path];

    private static bool IsMuxer(string path) =>
        string.Equals(Path.GetFileNameWithoutExtension(path), "dotnet", StringComparison.OrdinalIgnoreCase);

    private static string ResolveLinks(string path) => new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? Path.GetFullPath(path);

    private static string RuntimeRoot() =>
        Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));

    private static string[] DefaultCommand()
    {
        var process = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process's executable is unknown; rule workers cannot be started.");
        var entry = Assembly.GetEntryAssembly()?.Location;
        return IsMuxer(process) && !string.IsNullOrEmpty(entry)
            ? [process, entry, .. WorkerVerb]
            : [process, .. WorkerVerb];
    }
}
