using Marketpilot.Host.Cli;

return await MarketpilotCommand.Create(args).Parse(args).InvokeAsync(MarketpilotCommand.Invocation);

/// <summary>The entry point; public so in-process tests can reach it.</summary>
public partial class Program;
