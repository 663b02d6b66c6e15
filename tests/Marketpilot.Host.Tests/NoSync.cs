namespace Marketpilot.Host.Tests;

/// <summary>Host arguments for tests that drive the host through the API only.</summary>
internal static class NoSync
{
    public static readonly string[] Args = ["--Marketpilot:Sync:Enabled=false"];
}
