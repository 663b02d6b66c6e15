using System.Net;
using System.Text.Json;
using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>
/// Undo and rollback of actions the simulator applied: snapshots of its SKUs are posted through the API (sync off), so
/// min-margin fires on them and the simulator connector applies its prices.
/// </summary>
public sealed class UndoApiTests(HostFixture fixture) : IClassFixture<HostFixture>
{
    private HostProcess Host => fixture.Host;

    [Fact]
    public async Task AnAppliedActionIsUndoneOnceAndASecondUndoIsAConflict()
    {
        var applied = await AppliedSetPriceAsync("SIM-00001");

        var undo = await Answers.JsonAsync(await Host.Client.PostAsync($"/api/v1/actions/{applied}/undo", null), HttpStatusCode.Accepted);
        var again = await Host.Client.PostAsync($"/api/v1/actions/{applied}/undo", null);

        var undoId = undo.GetProperty("actionId").GetString();
        Assert.Equal([undoId], undo.GetProperty("actionIds").EnumerateArray().Select(a => a.GetString()));
        var logged = await Host.GetJsonAsync<JsonElement>("/api/v1/actions?sku=SIM-00001");
        var undoRecord = logged.GetProperty("items").EnumerateArray().Single(a => a.GetProperty("actionId").GetString() == undoId);
        Assert.Equal(applied, undoRecord.GetProperty("undoOf").GetString());
        Assert.Equal(20_000m, undoRecord.GetProperty("action").GetProperty("price").GetDecimal());
        var conflict = await Answers.JsonAsync(again, HttpStatusCode.Conflict);
        Assert.StartsWith($"action {applied} is already undone by action {undoId}", conflict.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARollbackQueuesTheUndoOfWhatTheRuleApplied()
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-1);
        var applied = await AppliedSetPriceAsync("SIM-00002");

        var response = await Host.PostJsonAsync("/api/v1/rules/min-margin/rollback", $$"""{"since": "{{since:O}}"}""");

        var answer = await Answers.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("off", answer.GetProperty("mode").GetString());
        var undoIds = answer.GetProperty("actionIds").EnumerateArray().Select(a => a.GetString()).ToList();
        var logged = await Host.GetJsonAsync<JsonElement>("/api/v1/actions?sku=SIM-00002");
        Assert.Contains(logged.GetProperty("items").EnumerateArray(), a => a.TryGetProperty("undoOf", out var of) && of.GetString() == applied && undoIds.Contains(a.GetProperty("actionId").GetString()));
    }

    private async Task<string> AppliedSetPriceAsync(string sku)
    {
        // A rollback turns the rule off; each test starts with it live. The price is above every simulated SKU's own
        // minimum (60% of at most 14,990), so the simulator applies the raise instead of refusing it.
        await Answers.JsonAsync(await Host.PutJsonAsync("/api/v1/rules/min-margin/mode", """{"mode": "live"}"""), HttpStatusCode.OK);
        var snapshot = Some.Sku(sku, price: 20_000m, cost: 19_000m, marketplace: "simulator");
        snapshot["shopId"] = "demo";
        await Answers.JsonAsync(await Host.PostJsonAsync("/api/v1/skus", Some.Array(snapshot)), HttpStatusCode.Accepted);
        var action = await Host.EventuallyAsync(
            async () =>
            {
                var page = await Host.GetJsonAsync<JsonElement>($"/api/v1/actions?sku={sku}&rule=min-margin&status=applied");
                return page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } found ? found : null;
            },
            TimeSpan.FromSeconds(90),
            $"an applied min-margin action for {sku}");
        return action.GetProperty("actionId").GetString()!;
    }
}
