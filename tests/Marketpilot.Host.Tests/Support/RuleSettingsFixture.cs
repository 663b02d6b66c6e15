namespace Marketpilot.Host.Tests.Support;

/// <summary>A running host on a scripts folder of its own: one rule per settings test, each notifying on every SKU it admits.</summary>
public sealed class RuleSettingsFixture : IAsyncLifetime
{
    private readonly TempFolder _data = new();
    private readonly TempFolder _scripts = new();

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _scripts.File("kettles.csx", "// @scope: category=Kettles\nNotify(\"manager\", Sku.Sku);\n");
        _scripts.File("thin-data.csx", "Notify(\"manager\", Sku.Sku);\n");
        _scripts.File("capped.csx", "Notify(\"manager\", Sku.Sku);\n");
        _scripts.File("new-items.csx", "// @guards: not-new-item\nNotify(\"manager\", Sku.Sku);\n");
        _scripts.File("untouched.csx", "// @cooldown: 2d\nNotify(\"manager\", Sku.Sku);\n");
        Host = await HostProcess.StartWithScriptsAsync(_data.Path, _scripts.Path, NoSync.Args);
    }

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _scripts.Dispose();
        _data.Dispose();
    }
}
