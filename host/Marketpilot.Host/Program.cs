using System.Globalization;
using Marketpilot.Host.Cli;

// Rules format numbers in their reasons; the same rule must say the same thing on every machine.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;

return await MarketpilotCommand.InvokeAsync(args);

/// <summary>The entry point; public so in-process tests can reach it.</summary>
public partial class Program;
