namespace Marketpilot.Scripting;

/// <summary>Thrown when a <c>rules test</c> fixture is not valid JSON or not in the fixture's shape.</summary>
/// <remarks>The message names the file and, for JSON errors, the JSON path and line.</remarks>
public sealed class RuleFixtureException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="path">The fixture file.</param>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The parser's exception, if any.</param>
    public RuleFixtureException(string path, string problem, Exception? innerException = null)
        : base($"{path} is not a valid fixture: {problem}", innerException)
    {
        Path = path;
    }

    /// <summary>The fixture file.</summary>
    public string Path { get; }
}
