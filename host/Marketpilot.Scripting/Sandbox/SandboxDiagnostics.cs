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
        return new RuleDiagnostic(PathOf(span, path), start.Line + 1, start.Character + 1, "error", code, Readable(message));
    }

    /// <summary>A message without the generated class's name, which the rule's own types are nested in: it means nothing to the rule's author.</summary>
    /// <param name="message">The message.</param>
    /// <returns>The message as the author should read it.</returns>
    public static string Readable(string message) => message.Replace(RuleSourceBuilder.ClassName + ".", string.Empty, StringComparison.Ordinal);

    /// <summary>The file a position of the generated class belongs to: the rule, or a file it loads (its <c>#line</c> name, in the rule's folder).</summary>
    /// <param name="span">The position, mapped through the <c>#line</c> directives.</param>
    /// <param name="rulePath">The rule's path as given.</param>
    /// <returns>The path to show.</returns>
    public static string PathOf(FileLinePositionSpan span, string rulePath) =>
        span.IsValid && span.HasMappedPath && span.Path != RuleSourceBuilder.ScriptFileName && span.Path.EndsWith(RuleCompiler.Extension, StringComparison.OrdinalIgnoreCase)
            ? Path.Combine(Path.GetDirectoryName(rulePath) ?? string.Empty, span.Path)
            : rulePath;
}
