namespace Marketpilot.Grains.Tests.Support;

internal sealed class Counter
{
    public int Value { get; set; }

    public List<string> Tags { get; set; } = [];
}
