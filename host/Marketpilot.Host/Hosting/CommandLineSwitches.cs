namespace Marketpilot.Host.Hosting;

/// <summary>The short command-line switches the host understands besides <c>--Key=value</c> configuration.</summary>
public static class CommandLineSwitches
{
    /// <summary>Maps each switch to the configuration key it sets.</summary>
    public static IDictionary<string, string> Mappings { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["--data"] = "Marketpilot:DataPath",
        ["--plugins"] = "Marketpilot:Plugins:Path",
        ["--scripts"] = "Marketpilot:Scripting:ScriptsPath",
    };
}
