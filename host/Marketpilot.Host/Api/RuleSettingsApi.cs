using System.Text.Json;
using Marketpilot.Actions.Control;
using Marketpilot.Scripting;
using Marketpilot.Scripting.Metadata;

namespace Marketpilot.Host.Api;

/// <summary>The rule settings routes: a rule's scope, guards, cooldown, minimum data and daily firings, overriding its header.</summary>
public static class RuleSettingsApi
{
    /// <summary>Maps <c>GET</c> and <c>PUT /rules/{id}/settings</c> on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapRuleSettingsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/rules/{id}/settings", GetAsync)
            .WithSummary("Read a rule's settings set through the API and the metadata it runs with")
            .Produces<RuleSettingsView>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AdminOnly();
        api.MapPut("/rules/{id}/settings", SetAsync)
            .WithSummary("Override a rule's scope, guards, cooldown, minimum data, daily firings or emergency thresholds")
            .WithDescription("Body {\"scope\": \"category=Kettles; price=..5000\", \"guards\": \"in-stock\", \"cooldown\": \"3d\", \"minData\": \"clicks>=100/7d\", \"maxFiringsPerDay\": 50, \"emergency\": \"margin-drop=2pt\"}, "
                + "spelled as in the rule's header. A field given replaces the header's key, null returns it to the header, an absent field keeps what is set. "
                + "Persisted cluster-wide; every silo applies it to the rule's next evaluation. Any invalid field is named and nothing is changed.")
            .Produces<RuleSettingsView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .AdminOnly();
        return api;
    }

    private static async Task<IResult> GetAsync(string id, IRuleRunner rules, AutomationSwitches switches)
    {
        if (RuleModeApi.UnknownRule(id, rules) is { } notFound)
        {
            return notFound;
        }

        await switches.RefreshAsync();
        return Results.Ok(ViewOf(id, switches.SettingsOf(id), rules));
    }

    private static async Task<IResult> SetAsync(string id, HttpRequest request, IRuleRunner rules, AutomationSwitches switches, CancellationToken cancellationToken)
    {
        if (RuleModeApi.UnknownRule(id, rules) is { } notFound)
        {
            return notFound;
        }

        var body = await JsonObjectBody.ReadAsync(request, cancellationToken);
        body.RefuseUnknownFields([.. RuleSettings.FieldNames]);
        await switches.RefreshAsync();
        var settings = Patch(switches.SettingsOf(id), body);

        // The header's own parser reads every field; one answer names each field it refuses.
        foreach (var (field, message) in settings.Validate())
        {
            body.Errors.TryAdd(field, [message]);
        }

        if (body.Errors.Count > 0)
        {
            return Results.ValidationProblem(body.Errors, title: "Invalid rule settings; nothing was changed");
        }

        await switches.SetRuleSettingsAsync(id, settings);
        return Results.Ok(ViewOf(id, switches.SettingsOf(id), rules));
    }

    private static RuleSettings Patch(RuleSettings current, JsonObjectBody body)
    {
        var settings = current;
        foreach (var name in RuleSettings.FieldNames)
        {
            if (body.Errors.ContainsKey(name) || !body.Fields.TryGetValue(name, out var value))
            {
                continue;
            }

            if (name == "maxFiringsPerDay")
            {
                settings = value.ValueKind == JsonValueKind.Null ? settings with { MaxFiringsPerDay = null }
                    : value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var firings) ? settings with { MaxFiringsPerDay = firings }
                    : Refuse(settings, name, $"must be a whole number or null; got {JsonObjectBody.Describe(value)}");
                continue;
            }

            var text = value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                _ => Refuse<string?>(null, name, $"must be a JSON string spelled as in the rule's header, or null; got {JsonObjectBody.Describe(value)}"),
            };
            settings = name switch
            {
                "scope" => settings with { Scope = text },
                "guards" => settings with { Guards = text },
                "cooldown" => settings with { Cooldown = text },
                "emergency" => settings with { Emergency = text },
                _ => settings with { MinData = text },
            };
        }

        return settings;

        T Refuse<T>(T keep, string field, string message)
        {
            body.Errors[field] = [message];
            return keep;
        }
    }

    private static RuleSettingsView ViewOf(string id, RuleSettings settings, IRuleRunner rules) =>
        new(id, settings, rules.Describe().FirstOrDefault(r => r.Rule.Id == id)?.Metadata);
}
