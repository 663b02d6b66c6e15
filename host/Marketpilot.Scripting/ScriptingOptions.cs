using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Scripting;

/// <summary>Where rule scripts are loaded from and how long one evaluation may run.</summary>
/// <remarks>Bound to the <c>Marketpilot:Scripting</c> configuration section and validated when the host starts.</remarks>
public sealed class ScriptingOptions
{
    /// <summary>The configuration section the options are bound to.</summary>
    public const string SectionName = "Marketpilot:Scripting";

    /// <summary>The folder whose <c>*.csx</c> files are loaded as rules (not its subfolders); a relative path is resolved against the current directory.</summary>
    /// <value>The default is <c>scripts</c>.</value>
    [Required]
    public string ScriptsPath { get; set; } = "scripts";

    /// <summary>Wall-clock time one evaluation of a rule on one SKU may take before it is reported as timed out, in milliseconds.</summary>
    /// <value>The default is 1000 ms.</value>
    [Range(1, 60_000)]
    public int TimeoutMilliseconds { get; set; } = 1000;

    /// <summary>Whether the catalog watches <see cref="ScriptsPath"/> and recompiles a rule when its file changes.</summary>
    /// <value>The default is <see langword="true"/>.</value>
    public bool WatchForChanges { get; set; } = true;

    /// <summary>The evaluation timeout as a <see cref="TimeSpan"/>.</summary>
    public TimeSpan Timeout => TimeSpan.FromMilliseconds(TimeoutMilliseconds);

    /// <summary>Resolves <see cref="ScriptsPath"/> against the current directory.</summary>
    /// <returns>The full path of the scripts folder.</returns>
    public string GetFullScriptsPath() => Path.GetFullPath(ScriptsPath);
}
