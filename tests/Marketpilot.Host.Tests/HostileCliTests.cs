using Marketpilot.Host.Tests.Support;

namespace Marketpilot.Host.Tests;

/// <summary>The sandbox end to end: hostile rules through the real <c>marketpilot rules</c> verbs.</summary>
public sealed class HostileCliTests
{
    [Fact]
    public async Task CheckRefusesSandboxViolationsWithCompilerStyleDiagnostics()
    {
        using var folder = new TempFolder();
        var reader = folder.File("reader.csx", "// reads a file\nvar secret = System.IO.File.ReadAllText(\"/etc/passwd\");\nLog(secret);\n");
        var statics = folder.File("statics.csx", "static int calls = 0;\ncalls++;\n");
        var unsafeCode = folder.File("pointer.csx", "unsafe { int x = 1; int* p = &x; }\n");

        var result = await Cli.RunAsync("rules", "check", reader, statics, unsafeCode);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{reader}(2,14): error MP1001: 'System.IO.File' is not available to rules", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"{statics}(1,1): error MP1002: static fields are not available to rules", result.StdOut, StringComparison.Ordinal);
        Assert.Contains($"{unsafeCode}(1,1): error MP1002: 'unsafe' is not available to rules", result.StdOut, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckRefusesAnInvalidMetadataHeader()
    {
        using var folder = new TempFolder();
        var script = folder.File("header.csx", "// @name: Header\n// @cooldown: later\nNotify(\"manager\", \"hi\");\n");

        var result = await Cli.RunAsync("rules", "check", script);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}(2,15): error MP1004: invalid @cooldown: 'later' is not a duration", result.StdOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("spin", "while (true) { }", "steps")]
    [InlineData("recursion", "int Down(int n) => Down(n + 1) + 1;\nDown(0);", "call depth")]
    [InlineData("swallow", "while (true) { try { while (true) { } } catch (Exception) { } finally { while (true) { } } }", "steps")]
    [InlineData("allocation", "var keep = new List<long[]>();\nwhile (true) keep.Add(new long[1_000_000]);", "allocating")]
    [InlineData("range", "Log(Enumerable.Range(0, int.MaxValue).Sum(i => (long)i).ToString());", "steps")]
    public async Task TestStopsARunawayRuleAndExitsWith3(string name, string source, string reason)
    {
        using var folder = new TempFolder();
        var script = folder.File(name + ".csx", source);

        var result = await Cli.RunAsync("rules", "test", script, "--input", MinMarginFixture());

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("TimedOut", result.StdErr, StringComparison.Ordinal);
        Assert.Contains(reason, result.StdErr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestOfARuleThatTriesToWriteAFileLeavesNoFile()
    {
        using var folder = new TempFolder();
        var target = Path.Combine(folder.Path, "pwned.txt");
        var script = folder.File("writer.csx", $"System.IO.File.WriteAllText(@\"{target}\", \"x\");\n");

        var result = await Cli.RunAsync("rules", "test", script, "--input", MinMarginFixture());

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("error MP1001: 'System.IO.File' is not available to rules", result.StdErr, StringComparison.Ordinal);
        Assert.False(File.Exists(target));
    }

    private static string MinMarginFixture() =>
        Directory.GetFiles(Path.Combine(RepoPaths.Scripts, "fixtures", "min-margin"), "*.json").First(f => !f.EndsWith(".expected.json", StringComparison.Ordinal));
}
