using System.ComponentModel.DataAnnotations;

namespace Marketpilot.Host.Hosting;

/// <summary>Settings of the host itself, bound to the <c>Marketpilot</c> section.</summary>
public sealed class MarketpilotOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Marketpilot";

    /// <summary>
    /// The data folder: the SQLite database, the generated API key and the rolling log files.
    /// A relative path is resolved against the current directory.
    /// </summary>
    /// <value>The default is <c>data</c>.</value>
    [Required(AllowEmptyStrings = false)]
    public string DataPath { get; set; } = "data";

    /// <summary>The data folder as a full path.</summary>
    public string DataFullPath => Path.GetFullPath(DataPath);

    /// <summary>The SQLite database that holds grain state and the action log.</summary>
    public string DatabasePath => Path.Combine(DataFullPath, DatabaseFileName);

    /// <summary>The embedded store's file name in the data folder.</summary>
    public const string DatabaseFileName = "marketpilot.db";
}
