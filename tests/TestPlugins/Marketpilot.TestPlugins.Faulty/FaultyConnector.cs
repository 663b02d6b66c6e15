using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.TestPlugins.Faulty;

/// <summary>
/// A connector for the <c>faulty</c> marketplace that does what its control file says on each call: <c>ok</c>, <c>throw</c>,
/// <c>hang</c> (ignores its token and never completes) or <c>garbage</c> (returns null). In <c>ok</c> it applies each
/// idempotency key once, appending it to <c>&lt;control file&gt;.applied</c> every time it really changes something.
/// </summary>
public sealed class FaultyConnector : IMarketplaceConnector
{
    private static readonly Lock Gate = new();
    private readonly string _controlFile;

    /// <summary>Creates the connector.</summary>
    /// <param name="controlFile">The file whose content picks the behaviour.</param>
    /// <param name="throwInConstructor">Throw here, as a broken connector would.</param>
    public FaultyConnector(string controlFile, bool throwInConstructor)
    {
        if (throwInConstructor)
        {
            throw new InvalidOperationException("the faulty connector was told to fail in its constructor");
        }

        _controlFile = controlFile;
    }

    /// <inheritdoc />
    public string Marketplace => "faulty";

    /// <inheritdoc />
    public ConnectorCapabilities Capabilities { get; } = new() { ActionKinds = [ActionKind.SetPrice], CanPullCatalog = true };

    /// <inheritdoc />
    public Task<CatalogPage> PullAsync(string? cursor, CancellationToken cancellationToken) => Mode() switch
    {
        "throw" => throw new InvalidOperationException("faulty connector: marketplace unreachable"),
        "hang" => new TaskCompletionSource<CatalogPage>().Task,
        "garbage" => Task.FromResult<CatalogPage>(null!),
        _ => Task.FromResult(new CatalogPage([], [], "1", false)),
    };

    /// <inheritdoc />
    public Task<IReadOnlyList<ActionResult>> ApplyAsync(IReadOnlyList<ActionRequest> actions, CancellationToken cancellationToken)
    {
        switch (Mode())
        {
            case "throw":
                throw new InvalidOperationException("faulty connector: marketplace unreachable");
            case "hang":
                return new TaskCompletionSource<IReadOnlyList<ActionResult>>().Task;
            case "garbage":
                return Task.FromResult<IReadOnlyList<ActionResult>>(null!);
        }

        lock (Gate)
        {
            var appliedFile = _controlFile + ".applied";
            var applied = File.Exists(appliedFile) ? File.ReadAllLines(appliedFile).ToHashSet(StringComparer.Ordinal) : [];
            foreach (var action in actions.Where(a => !applied.Contains(a.IdempotencyKey)))
            {
                File.AppendAllLines(appliedFile, [action.IdempotencyKey]);
                applied.Add(action.IdempotencyKey);
            }
        }

        return Task.FromResult<IReadOnlyList<ActionResult>>([.. actions.Select(a => new ActionResult(a.IdempotencyKey, ActionResultStatus.Applied))]);
    }

    private string Mode() => File.Exists(_controlFile) ? File.ReadAllText(_controlFile).Trim() : "ok";
}
