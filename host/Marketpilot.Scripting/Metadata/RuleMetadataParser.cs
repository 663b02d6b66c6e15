using System.Globalization;
using System.Text.RegularExpressions;
using Marketpilot.Experiments;
using Marketpilot.Scripting.Sandbox;
using Marketpilot.Sdk.Events;

namespace Marketpilot.Scripting.Metadata;

/// <summary>
/// Reads the metadata header: the <c>// @key: value</c> lines among the comments at the top of a rule,
/// before its first statement. Unknown keys, repeated keys and invalid values are <c>MP1004</c> errors
/// at the value's line and column.
/// </summary>
internal static partial class RuleMetadataParser
{
    public static readonly string[] Keys =
        ["name", "description", "triggers", "scope", "cooldown", "guards", "mode", "max-steps", "max-depth", "max-memory", "timeout", "guardrails", "min-data", "max-firings-per-day", "rollout", "emergency"];

    public static (RuleMetadata Metadata, IReadOnlyList<RuleDiagnostic> Errors) Parse(string source, string ruleId, string path)
    {
        var metadata = RuleMetadata.For(ruleId);
        var errors = new List<RuleDiagnostic>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lines = source.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r');
            var trimmed = line.TrimStart();
            if (trimmed.Length == 0)
            {
                continue;
            }

            if (!trimmed.StartsWith("//", StringComparison.Ordinal))
            {
                break;
            }

            var comment = trimmed[2..].TrimStart();
            if (!comment.StartsWith('@'))
            {
                continue;
            }

            var column = line.Length - comment.Length + 1;
            void Error(int at, string message) =>
                errors.Add(new RuleDiagnostic(path, index + 1, at, "error", SandboxDiagnostics.InvalidMetadata, message));

            var colon = comment.IndexOf(':', StringComparison.Ordinal);
            if (colon < 0)
            {
                Error(column, "a metadata line reads '// @key: value'");
                continue;
            }

            var key = comment[1..colon].Trim().ToLowerInvariant();
            var raw = comment[(colon + 1)..];
            var value = raw.Trim();
            var valueColumn = column + colon + 1 + (raw.Length - raw.TrimStart().Length);
            if (!Keys.Contains(key, StringComparer.Ordinal))
            {
                Error(column, $"unknown metadata key '{key}'; the keys are {string.Join(", ", Keys)}");
                continue;
            }

            if (!seen.Add(key))
            {
                Error(column, $"metadata key '{key}' is given twice");
                continue;
            }

            try
            {
                metadata = Apply(metadata, key, value);
            }
            catch (FormatException exception)
            {
                Error(valueColumn, $"invalid @{key}: {exception.Message}");
            }
        }

        return (metadata, errors);
    }

    internal static RuleMetadata Apply(RuleMetadata metadata, string key, string value) => key switch
    {
        "name" => metadata with { Name = NonEmpty(value, 100) },
        "description" => metadata with { Description = NonEmpty(value, 1000) },
        "triggers" => WithTriggers(metadata, value),
        "scope" => metadata with { Scope = Scope(value) },
        "cooldown" => metadata with { Cooldown = IsNone(value) ? null : Duration(value) },
        "guards" => WithGuards(metadata, value),
        "mode" => metadata with { Mode = Mode(value) },
        "max-steps" => metadata with { MaxSteps = Positive(value) },
        "max-depth" => metadata with { MaxDepth = (int)Math.Min(Positive(value), int.MaxValue) },
        "max-memory" => metadata with { MaxAllocatedBytes = Bytes(value) },
        "timeout" => metadata with { Timeout = Duration(value) },
        "guardrails" => metadata with { Guardrails = RuleGuardrails.Parse(value) },
        "rollout" => metadata with { Rollout = Rollout.Parse(value) },
        "emergency" => metadata with { Emergency = IsNone(value) ? null : EmergencyThresholds.Parse(value) },
        "min-data" => metadata with { MinData = IsNone(value) ? [] : RuleMinimum.ParseList(value) },
        "max-firings-per-day" => metadata with { MaxFiringsPerDay = FiringsPerDay(value) },
        _ => metadata,
    };

    private static string NonEmpty(string value, int maxLength) =>
        value.Length == 0 ? throw new FormatException("it is empty")
        : value.Length > maxLength ? throw new FormatException($"it is longer than {maxLength} characters")
        : value;

    // cron(0 9 * * 1,3) and event(view-without-purchase, 24h) hold commas: entries are split only outside parentheses.
    private static RuleMetadata WithTriggers(RuleMetadata metadata, string value)
    {
        var triggers = new List<RuleTrigger>();
        var crons = new List<RuleCronSchedule>();
        var events = new List<EventTrigger>();
        foreach (var item in SplitTriggers(value))
        {
            if (RuleCronSchedule.IsCron(item))
            {
                crons.Add(RuleCronSchedule.Parse(item));
                triggers.Add(RuleTrigger.Cron);
            }
            else if (item.StartsWith("event", StringComparison.OrdinalIgnoreCase))
            {
                events.Add(Event(item));
                triggers.Add(RuleTrigger.Event);
            }
            else
            {
                triggers.Add(Trigger(item));
            }
        }

        return triggers.Count == 0
            ? throw new FormatException("it is empty")
            : metadata with { Triggers = [.. triggers.Distinct()], CronSchedules = [.. crons.DistinctBy(c => c.Expression)], EventTriggers = [.. events.Distinct()] };
    }

    // Splits a @triggers value at the commas outside parentheses; a parenthesis that is not closed or closes nothing is an error.
    private static IReadOnlyList<string> SplitTriggers(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var items = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i <= value.Length; i++)
        {
            var c = i < value.Length ? value[i] : ',';
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (depth < 0 || (i == value.Length && depth != 0))
            {
                throw new FormatException($"the parentheses in '{value}' do not match");
            }

            if (c == ',' && depth == 0)
            {
                var item = value[start..i].Trim();
                if (item.Length > 0)
                {
                    items.Add(item);
                }

                start = i + 1;
            }
        }

        return items;
    }

    private static EventTrigger Event(string value)
    {
        var match = EventPattern().Match(value);
        if (!match.Success)
        {
            throw new FormatException($"'{value}' is not an event trigger; write event(kind) or event({EventTrigger.ViewWithoutPurchase}, 24h)");
        }

        var name = match.Groups["kind"].Value;
        var delay = match.Groups["delay"];
        if (name.Equals(EventTrigger.ViewWithoutPurchase, StringComparison.OrdinalIgnoreCase))
        {
            return delay.Success
                ? new EventTrigger(MarketplaceEventKind.View, Duration(delay.Value.Trim()))
                : throw new FormatException($"'{value}' needs a delay; write event({EventTrigger.ViewWithoutPurchase}, 24h)");
        }

        if (delay.Success)
        {
            throw new FormatException($"'{value}': only {EventTrigger.ViewWithoutPurchase} takes a delay");
        }

        // A bare view would run the rule on every card view; the delayed form is the one that means something.
        return MarketplaceEventKinds.TryParse(name, out var kind) && kind != MarketplaceEventKind.View
            ? new EventTrigger(kind)
            : throw new FormatException($"'{name}' is not an event; use {EventNames}");
    }

    private static string EventNames =>
        string.Join(", ", MarketplaceEventKinds.All.Where(n => n != "view").Append(EventTrigger.ViewWithoutPurchase));

    private static RuleTrigger Trigger(string value) => value.ToLowerInvariant() switch
    {
        "data-change" => RuleTrigger.DataChange,
        "hourly" => RuleTrigger.Hourly,
        "daily" => RuleTrigger.Daily,
        _ => throw new FormatException($"'{value}' is not a trigger; use data-change, hourly, daily, cron(<expression>) or event(kind)"),
    };

    [GeneratedRegex(@"^event\s*\(\s*(?<kind>[A-Za-z-]+)\s*(,(?<delay>[^)]*))?\)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex EventPattern();

    private static RuleMode Mode(string value) => RuleModeNames.TryParse(value, out var mode)
        ? mode
        : throw new FormatException($"'{value}' is not a mode; use {string.Join(", ", RuleModeNames.All)}");

    private static long Positive(string value) =>
        long.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? number
            : throw new FormatException($"'{value}' is not a positive whole number");

    private static TimeSpan Duration(string value)
    {
        var matches = DurationPart().Matches(value.Replace(" ", string.Empty, StringComparison.Ordinal));
        if (matches.Count == 0 || matches.Sum(m => m.Length) != value.Replace(" ", string.Empty, StringComparison.Ordinal).Length)
        {
            throw new FormatException($"'{value}' is not a duration; write for example 500ms, 30s, 15m, 12h, 3d, 1w or 1d12h");
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(amount),
                "s" => TimeSpan.FromSeconds(amount),
                "m" => TimeSpan.FromMinutes(amount),
                "h" => TimeSpan.FromHours(amount),
                "d" => TimeSpan.FromDays(amount),
                _ => TimeSpan.FromDays(7 * amount),
            };
        }

        return total > TimeSpan.Zero ? total : throw new FormatException($"'{value}' is not a positive duration");
    }

    private static long Bytes(string value)
    {
        var match = BytesPattern().Match(value);
        if (!match.Success)
        {
            throw new FormatException($"'{value}' is not a size; write for example 65536, 512KB or 32MB");
        }

        var amount = long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var factor = match.Groups[2].Value.ToUpperInvariant() switch
        {
            "KB" or "KIB" => 1024L,
            "MB" or "MIB" => 1024L * 1024,
            "GB" or "GIB" => 1024L * 1024 * 1024,
            _ => 1L,
        };
        return amount > 0 && amount <= long.MaxValue / factor ? amount * factor : throw new FormatException($"'{value}' is not a positive size");
    }

    [GeneratedRegex(@"(\d{1,9})(ms|s|m|h|d|w)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();

    [GeneratedRegex(@"^(\d{1,12})\s*(B|KB|MB|GB|KiB|MiB|GiB)?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex BytesPattern();
}
