using System.Diagnostics;
using System.Globalization;
using Marketpilot.Scripting;

namespace Marketpilot.Benchmarks;

/// <summary>
/// How long <c>rules check</c> takes per script once the compiler is warm: every script of the hostile
/// suite (tests/hostile), and the largest scripts of each expensive shape that the input bounds still
/// admit (the size limit of text, nesting just under each limit).
/// </summary>
public static class CheckTimes
{
    private const int MaxLength = RuleCompiler.MaxSourceLength - 100;

    public static void Run()
    {
        var warm = Stopwatch.StartNew();
        RuleCompiler.WarmUp();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"warm-up (first compilation in the process): {warm.Elapsed.TotalMilliseconds:0} ms"));

        var hostile = Path.Combine(RepositoryRoot(), "tests", "hostile");
        var scripts = Directory.GetFiles(hostile, "*.csx", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => (Name: Path.GetRelativePath(hostile, f), Source: File.ReadAllText(f)))
            .Concat(WorstCases());
        var slowest = (Name: "", Milliseconds: 0.0);
        foreach (var (name, source) in scripts)
        {
            var stopwatch = Stopwatch.StartNew();
            var compilation = new RuleCompiler().Compile(Path.GetFileName(name), source);
            var milliseconds = stopwatch.Elapsed.TotalMilliseconds;
            var outcome = compilation.Succeeded ? "ok" : compilation.Diagnostics.First(d => d.IsError).Code;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{milliseconds,8:0} ms  {outcome,-7} {name} ({source.Length} chars)"));
            if (milliseconds > slowest.Milliseconds)
            {
                slowest = (name, milliseconds);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"slowest: {slowest.Name}, {slowest.Milliseconds:0} ms"));
    }

    // The most expensive scripts the bounds admit: each shape repeated up to the size limit, nested just under its limit.
    private static IEnumerable<(string Name, string Source)> WorstCases()
    {
        yield return ("bounds/additions-240-deep up to the size limit", Fill(i => $"var s{i} = {string.Join('+', Enumerable.Repeat("Sku.Stock", 240))};\n"));
        yield return ("bounds/interpolations-4-deep x9 (binding cost 252)", Times(9, i => $"var t{i} = $\"{{$\"{{$\"{{$\"{{Sku.Stock}}\"}}\"}}\"}}\";\n"));
        yield return ("bounds/interpolations-flat up to the size limit", Fill(i => $"var t{i} = $\"{{Sku.Stock}} {{Sku.Price}} {{Sku.Sku}}\";\n"));
        yield return ("bounds/lambdas-5-deep x2 (binding cost 240)", Times(2, i => $"var v{i} = {Repeat("Enumerable.Range(0, 2).Select(a => ", 5)}1{Repeat(").Sum()", 5)};\n"));
        yield return ("bounds/lambdas-2-deep x32 (binding cost 256)", Times(32, i => $"var v{i} = Enumerable.Range(0, 2).Select(a => Enumerable.Range(0, a).Sum(b => b)).Sum();\n"));
        yield return ("bounds/lambdas-flat up to the size limit", Fill(i => $"var v{i} = Enumerable.Range(0, 2).Where(a => a > 0).Sum();\n"));
        yield return ("bounds/generics-10-deep up to the size limit", Fill(i => $"{Repeat("List<", 10)}int{Repeat(">", 10)} l{i} = new();\n"));
        yield return ("bounds/else-if-100 up to the size limit", Fill(i => $"var y{i} = 0;\nif (Sku.Stock == 0) y{i} = 0;\n{string.Concat(Enumerable.Range(1, 99).Select(b => $"else if (Sku.Stock == {b}) y{i} = {b};\n"))}"));
    }

    private static string Fill(Func<int, string> piece)
    {
        var text = new System.Text.StringBuilder();
        for (var i = 0; text.Length + piece(i).Length < MaxLength; i++)
        {
            text.Append(piece(i));
        }

        return text.ToString();
    }

    private static string Times(int count, Func<int, string> piece) => string.Concat(Enumerable.Range(0, count).Select(piece));

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Host.sln not found above " + AppContext.BaseDirectory);
    }
}
