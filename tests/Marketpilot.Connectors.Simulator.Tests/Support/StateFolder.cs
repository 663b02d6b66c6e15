using System.Text.Json;

namespace Marketpilot.Connectors.Simulator.Tests.Support;

/// <summary>A temporary state folder for the simulator, deleted at the end of the test.</summary>
public sealed class StateFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("marketpilot-simulator-").FullName;

    public string LedgerPath => System.IO.Path.Combine(Path, "ledger.jsonl");

    /// <summary>Every line of the ledger as (key, outcome), oldest first.</summary>
    public List<(string Key, string Outcome)> Ledger() =>
        [.. LedgerLines().Select(l => (l.GetProperty("key").GetString()!, l.GetProperty("outcome").GetString()!))];

    public List<JsonElement> LedgerLines() =>
        [.. File.ReadAllLines(LedgerPath).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement)];

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
