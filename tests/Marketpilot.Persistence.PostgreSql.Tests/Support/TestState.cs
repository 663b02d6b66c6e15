using Marketpilot.Actions;

namespace Marketpilot.Persistence.PostgreSql.Tests.Support;

/// <summary>A grain state that carries outbox records, as a SKU's does.</summary>
public sealed class TestState : IActionOutboxCarrier
{
    public string Price { get; set; } = "";

    [System.Text.Json.Serialization.JsonIgnore]
    public List<ActionRecord> Outbox { get; set; } = [];
}
