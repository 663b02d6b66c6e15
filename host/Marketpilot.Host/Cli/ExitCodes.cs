namespace Marketpilot.Host.Cli;

/// <summary>The exit codes of the CLI verbs.</summary>
public static class ExitCodes
{
    /// <summary>Everything passed.</summary>
    public const int Success = 0;

    /// <summary>A script has errors (<c>rules check</c>, or <c>rules test</c> on a script that does not compile).</summary>
    public const int ScriptErrors = 1;

    /// <summary>
    /// The input could not be used: a command line that does not parse (an unknown verb or option, a missing argument, a
    /// value of the wrong type), a value out of its range, a missing file, a fixture that is not valid JSON of the expected
    /// shape, or a value the running host refuses as invalid (400).
    /// </summary>
    public const int BadInput = 2;

    /// <summary>A conformance check failed (<c>plugins verify</c>); each failed check is named on standard output.</summary>
    public const int ChecksFailed = 1;

    /// <summary>The rule failed or was stopped by its budget while being evaluated.</summary>
    public const int RuleFailed = 3;

    /// <summary>Rules cannot be run as configured: <c>Marketpilot:Scripting:Isolation</c> is <c>Confined</c> and bubblewrap is missing, or the verb runs rules in its own process (<c>demo</c>).</summary>
    public const int IsolationUnavailable = 4;

    /// <summary>A verb that talks to the running host found none: nothing answers at its address, or no API key was found.</summary>
    public const int HostUnreachable = 5;

    /// <summary>The running host answered with an error other than 400 (an unknown rule, a wrong API key); its problem detail is printed on standard error.</summary>
    public const int HostRefused = 6;

    /// <summary>The database could not be reached or refused the login or a statement (<c>db init</c>); the server is named on standard error, never the password.</summary>
    public const int DatabaseUnreachable = 7;
}
