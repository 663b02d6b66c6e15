using System.CommandLine;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Cli;

/// <content><c>rules mode</c>: changes a rule's mode in the running host.</content>
public static partial class RulesCommand
{
    private static Command ModeCommand()
    {
        var id = new Argument<string>("id") { Description = "The rule id (its file name without .csx), as GET /api/v1/rules lists it." };
        var mode = new Argument<string>("mode") { Description = $"The new mode: {string.Join(", ", RuleModeNames.All)}." };
        var url = new Option<string>("--url", "--urls") { Description = $"Where the host's API listens; default {HostConnection.UrlVariable}, else the host's urls setting, else {Hosting.MarketpilotApplication.DefaultUrl}." };
        var apiKey = new Option<string>("--api-key") { Description = $"The API key; default {HostConnection.ApiKeyVariable}, else Marketpilot:Api:Keys, else the key the host stored in the data folder." };
        var data = new Option<string>("--data") { Description = "The host's data folder, where it stored its API key. Same as Marketpilot:DataPath; default ./data." };
        var command = new Command("mode", "Set a rule's mode in the running host (PUT /api/v1/rules/{id}/mode): live, dry-run or off. Persisted; overrides the file's // @mode: header until changed again.")
        {
            id, mode, url, apiKey, data,
        };
        command.SetAction((parse, cancellationToken) => SetModeAsync(
            parse.GetRequiredValue(id), parse.GetRequiredValue(mode), parse.GetValue(url), parse.GetValue(apiKey), parse.GetValue(data), cancellationToken));
        return command;
    }

    private static async Task<int> SetModeAsync(string ruleId, string modeName, string? url, string? apiKey, string? data, CancellationToken cancellationToken)
    {
        if (!RuleModeNames.TryParse(modeName, out var mode))
        {
            Console.Error.WriteLine($"error: '{modeName}' is not a mode; use {string.Join(", ", RuleModeNames.All)}");
            return ExitCodes.BadInput;
        }

        var (connection, unresolved, problem) = HostConnection.Resolve(url, apiKey, data, CliServices.Configuration());
        if (connection is null)
        {
            Console.Error.WriteLine($"error: {problem}");
            return unresolved;
        }

        using var client = new HostApiClient(connection);
        var (answer, exitCode, error) = await client.PutAsync(
            $"/api/v1/rules/{Uri.EscapeDataString(ruleId)}/mode", new { mode = RuleModeNames.Of(mode) }, cancellationToken);
        if (error is not null)
        {
            Console.Error.WriteLine($"error: {error}");
            return exitCode;
        }

        var now = answer?.TryGetProperty("mode", out var set) == true ? set.GetString() : RuleModeNames.Of(mode);
        Console.Out.WriteLine($"rule {ruleId}: {now} (in the host at {connection.BaseAddress})");
        return ExitCodes.Success;
    }
}
