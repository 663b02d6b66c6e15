using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>The real executable on a scripts folder of its own: triggers in the rules route, and shared files loaded with #load.</summary>
public sealed class RuleScriptsFolderTests
{
    [Fact]
    public async Task TheRulesRouteShowsTriggersTheNextScheduledRunAndRulesThatLoadSharedFiles()
    {
        using var data = new TempFolder();
        using var scripts = new TempFolder();
        Directory.CreateDirectory(Path.Combine(scripts.Path, "lib"));
        scripts.File("lib/recipient.csx", "string Recipient() => \"manager\";\n");
        scripts.File("hourly-digest.csx", "// @triggers: hourly\n#load \"lib/recipient.csx\"\nNotify(Recipient(), $\"{Sku.Key}: {Sku.Stock} in stock\");\n");
        scripts.File("on-change.csx", "Notify(\"manager\", \"changed\");\n");
        scripts.File("escapes.csx", "#load \"../../../../etc/passwd.csx\"\nNotify(\"manager\", \"never\");\n");

        await using var host = await HostProcess.StartWithScriptsAsync(data.Path, scripts.Path, NoSync.Args);
        var before = DateTimeOffset.UtcNow;
        var rules = (await host.GetJsonAsync<JsonElement>("/api/v1/rules")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("rule").GetProperty("id").GetString()!);

        var hourly = rules["hourly-digest"];
        Assert.True(hourly.GetProperty("compiled").GetBoolean());
        Assert.Equal(["hourly"], hourly.GetProperty("triggers").EnumerateArray().Select(t => t.GetString()));
        var next = hourly.GetProperty("nextScheduledRunAt").GetDateTimeOffset();
        Assert.Equal((0, 0), (next.Minute, next.Second));
        Assert.InRange(next, before.AddMinutes(-1), before.AddHours(1).AddMinutes(1));

        var onChange = rules["on-change"];
        Assert.Equal(["dataChange"], onChange.GetProperty("triggers").EnumerateArray().Select(t => t.GetString()));
        Assert.False(onChange.TryGetProperty("nextScheduledRunAt", out var none) && none.ValueKind != JsonValueKind.Null);

        var escapes = rules["escapes"];
        Assert.False(escapes.GetProperty("compiled").GetBoolean());
        Assert.Contains("only .csx files inside the scripts folder", escapes.GetRawText(), StringComparison.Ordinal);
    }
}
