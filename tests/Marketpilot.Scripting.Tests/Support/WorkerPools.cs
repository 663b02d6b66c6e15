using Marketpilot.Scripting.Workers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Scripting.Tests.Support;

/// <summary>Rule worker pools that start the real executable's <c>rules worker</c> verb.</summary>
internal static class WorkerPools
{
    public static RuleWorkerPool Create(Action<ScriptingOptions>? configure = null) => Create(Configure(configure));

    public static RuleWorkerPool Create(ScriptingOptions options) => new(Options.Create(options), NullLogger<RuleWorkerPool>.Instance);

    /// <summary>Options whose workers are the real executable: two of them, the sample scripts folder unless <paramref name="configure"/> says otherwise.</summary>
    public static ScriptingOptions Configure(Action<ScriptingOptions>? configure = null)
    {
        var options = new ScriptingOptions
        {
            ScriptsPath = Repository.Scripts,
            WorkerCount = 2,
            WorkerCommand = ["dotnet", Repository.HostDll, .. RuleWorkerLauncher.WorkerVerb],
        };
        configure?.Invoke(options);
        return options;
    }

    /// <summary>A rule compiled here without the sandbox's checks, so it can try what the checks refuse.</summary>
    public static CompiledRule Unchecked(string source, string path = "unchecked.csx")
    {
        var compilation = RuleCompiler.CompileUnchecked(path, source);
        Assert.True(compilation.Succeeded, string.Join(Environment.NewLine, compilation.Diagnostics));
        return compilation.Compiled!;
    }

    /// <summary>Fails, naming the package, where bubblewrap is missing: the tests that prove the OS walls do not pass without them.</summary>
    public static void RequireBubblewrap()
    {
        Assert.True(
            RuleWorkerLauncher.FindBubblewrap() is not null,
            "NOT RUN: bubblewrap (bwrap) is not installed or cannot create a sandbox on this machine; install it with 'apt-get install -y bubblewrap' (.ci/run does).");
    }
}
