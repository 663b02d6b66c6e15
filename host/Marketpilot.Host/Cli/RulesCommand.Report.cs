using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Marketpilot.Host.Api;
using Marketpilot.Host.Experiments;
using Marketpilot.Sdk.Serialization;

namespace Marketpilot.Host.Cli;

/// <content><c>rules report</c>: a rule's experiment from the running host.</content>
public static partial class RulesCommand
{
    private static Command ReportCommand()
    {
        var id = new Argument<string>("id") { Description = "The rule id (its file name without .csx), as GET /api/v1/rules lists it." };
        var from = new Option<string>("--from") { Description = "The first day (yyyy-MM-dd, the data's calendar); default 27 days before --to." };
        var to = new Option<string>("--to") { Description = "The last day (yyyy-MM-dd); default the newest day with data." };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON (the API's answer) instead of a table." };
        var url = new Option<string>("--url", "--urls") { Description = $"Where the host's API listens; default {HostConnection.UrlVariable}, else the host's urls setting, else {Hosting.MarketpilotApplication.DefaultUrl}." };
        var apiKey = new Option<string>("--api-key") { Description = $"The API key; default {HostConnection.ApiKeyVariable}, else Marketpilot:Api:Keys, else the key the host stored in the data folder." };
        var data = new Option<string>("--data") { Description = "The host's data folder, where it stored its API key. Same as Marketpilot:DataPath; default ./data." };
        var command = new Command("report", "A rule's experiment in the running host (GET /api/v1/rules/{id}/report): test arm against control arm, each KPI's difference with a 95% confidence interval, the incremental margin, per action kind.")
        {
            id, from, to, json, url, apiKey, data,
        };
        command.SetAction((parse, cancellationToken) => ReportAsync(
            parse.GetRequiredValue(id), parse.GetValue(from), parse.GetValue(to), parse.GetValue(json), parse.GetValue(url), parse.GetValue(apiKey), parse.GetValue(data), cancellationToken));
        return command;
    }

    private static async Task<int> ReportAsync(
        string ruleId, string? from, string? to, bool json, string? url, string? apiKey, string? data, CancellationToken cancellationToken)
    {
        var days = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        foreach (var (name, value) in new[] { ("from", from), ("to", to) })
        {
            if (value is null)
            {
                days[name] = null;
            }
            else if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days[name] = day;
            }
            else
            {
                Console.Error.WriteLine($"error: --{name} '{value}' is not a date; write yyyy-MM-dd, for example 2026-11-01");
                return ExitCodes.BadInput;
            }
        }

        // What the host would refuse without reading its data; a window that ends before it starts once the host applies
        // its defaults is its 400, which exits BadInput as well.
        if (ReportWindow.Check(days["from"], days["to"]).FirstOrDefault() is { Key: { } field, Value: var messages })
        {
            Console.Error.WriteLine($"error: --{field} {string.Join("; ", messages)}");
            return ExitCodes.BadInput;
        }

        var (connection, unresolved, problem) = HostConnection.Resolve(url, apiKey, data, CliServices.Configuration());
        if (connection is null)
        {
            Console.Error.WriteLine($"error: {problem}");
            return unresolved;
        }

        var query = string.Join('&', new[] { ("from", from), ("to", to) }.Where(p => p.Item2 is not null).Select(p => $"{p.Item1}={p.Item2}"));
        using var client = new HostApiClient(connection);
        var (answer, exitCode, error) = await client.GetAsync(
            $"/api/v1/rules/{Uri.EscapeDataString(ruleId)}/report{(query.Length > 0 ? "?" + query : string.Empty)}", cancellationToken);
        if (error is not null || answer is not { } report)
        {
            Console.Error.WriteLine($"error: {error ?? "the host answered with no report"}");
            return error is null ? ExitCodes.HostRefused : exitCode;
        }

        Console.Out.Write(json
            ? JsonSerializer.Serialize(report, MarketpilotJson.Options) + Environment.NewLine
            : ReportText.Of(report.Deserialize<RuleReportView>(MarketpilotJson.Options)!));
        return ExitCodes.Success;
    }
}
