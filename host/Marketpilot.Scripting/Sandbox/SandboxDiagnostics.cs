using Microsoft.CodeAnalysis;

namespace Marketpilot.Scripting.Sandbox;

/// <summary>The sandbox's diagnostic codes and a helper to report them at a node of the script.</summary>
internal static class SandboxDiagnostics
{
    /// <summary>A type, member or directive that rules may not use.</summary>
    public const string NotAvailable = "MP1001";

    /// <summary>A language feature that rules may not use.</summary>
    public const string FeatureNotAvailable = "MP1002";

    /// <summary>The script is too large or too deeply nested to compile safely.</summary>
    public const string TooLarge = "MP1003";

    /// <summary>The metadata header is invalid.</summary>
    public const string InvalidMetadata = "MP1004";

    public static RuleDiagnostic Error(string path, Location location, string code, string message)
    {
        var span = location.GetMappedLineSpan();
        var start = span.IsValid ? span.StartLinePosition : default;
        return new RuleDiagnostic(path, start.Line + 1, start.Character + 1, "error", code, message);
    }
}
