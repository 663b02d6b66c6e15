namespace Marketpilot.Scripting;

/// <summary>A compiler-style message about a rule script, with the script's own line and column (1-based).</summary>
/// <param name="Path">The script path as given.</param>
/// <param name="Line">1-based line in the script file.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Severity"><c>error</c> or <c>warning</c>.</param>
/// <param name="Code">The diagnostic id, for example <c>CS1002</c>.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RuleDiagnostic(string Path, int Line, int Column, string Severity, string Code, string Message)
{
    /// <summary>Whether this diagnostic stops the rule from running.</summary>
    public bool IsError => Severity == "error";

    /// <summary>Formats as <c>path(line,col): severity CODE: message</c>.</summary>
    /// <returns>The compiler-style line.</returns>
    public override string ToString() => $"{Path}({Line},{Column}): {Severity} {Code}: {Message}";
}
