namespace Marketpilot.Host.Tests;

/// <summary>Host arguments that show what the log notification channel delivers on the console (it writes at Debug).</summary>
internal static class LogChannel
{
    public const string OnConsole = "--Serilog:MinimumLevel:Override:Marketpilot.Actions.Dispatch.LogNotificationChannel=Debug";
}
