using Marketpilot.Sdk.Actions;
using Marketpilot.Sdk.Catalog;
using Marketpilot.Sdk.Rules;
using Marketpilot.Scripting.Tests.Support;

namespace Marketpilot.Scripting.Tests;

/// <summary>Ordinary C# that rule authors write must compile and behave as C# does.</summary>
public sealed class OrdinaryScriptTests
{
    [Fact]
    public void RecordDeclaredInTheScriptWorks()
    {
        var run = Run("record Pick(string Sku, decimal Price) { public decimal Floor(decimal margin) => Price * (1 - margin); }\nvar pick = new Pick(Sku.Sku, Sku.Price);\nvar cheaper = pick with { Price = 100m };\nNotify(\"x\", $\"{pick} {cheaper.Floor(0.1m)} {pick == cheaper}\");");

        Assert.Equal(new Notify("x", "Pick { Sku = A-1, Price = 120 } 90.0 False"), Assert.Single(run.Actions));
    }

    [Fact]
    public void SmallClassWithStateAndPropertiesWorks()
    {
        var run = Run("class Totals\n{\n    private readonly List<long> _orders = new();\n    public long Sum => _orders.Sum();\n    public int Days { get; private set; }\n    public void Add(long orders) { _orders.Add(orders); Days++; }\n}\nvar totals = new Totals();\nforeach (var day in new long[] { 3, 4 }) totals.Add(day);\nNotify(\"x\", $\"{totals.Sum}/{totals.Days}\");");

        Assert.Equal(new Notify("x", "7/2"), Assert.Single(run.Actions));
    }

    [Fact]
    public void AnonymousTypesInALinqProjectionWork()
    {
        var globals = new RuleGlobals(Some.Sku(), [new DailyMetrics(Some.Day(1), 10, 5, 1, 2, 0), new DailyMetrics(Some.Day(2), 10, 5, 1, 0, 0)], [], RuleState.New("t"), Some.Now);

        var run = Some.Rule("var days = History.Select(h => new { h.Date, h.Orders }).Where(d => d.Orders > 0).ToList();\nNotify(\"x\", $\"{days.Count} {days[0].Date:dd}\");").Evaluate(globals);

        Assert.Equal(new Notify("x", "1 01"), Assert.Single(run.Actions));
    }

    [Fact]
    public void NullChecksOnWhatTheRuleIsGivenCompile()
    {
        var run = Run("if (History != null && Campaigns != null && Sku is not null) Notify(\"x\", \"ok\");");

        Assert.Equal(new Notify("x", "ok"), Assert.Single(run.Actions));
    }

    [Fact]
    public void StringBuilderAppendOfAPartOfAStringWorks()
    {
        var run = Run("var sb = new System.Text.StringBuilder();\nsb.Append(\"abcdef\", 1, 3).Append(new[] { 'x', 'y', 'z' }, 0, 2);\nNotify(\"x\", sb.ToString());");

        Assert.Equal(new Notify("x", "bcdxy"), Assert.Single(run.Actions));
    }

    [Fact]
    public void HashedCollectionsAndHashingLinqKeepTheirResultsWithTheBudgetedKeyComparer()
    {
        var run = Run("""
            record Pick(long Key, string Name);
            var keys = new long[2000];
            for (var i = 0; i < keys.Length; i++) keys[i] = i % 500;
            HashSet<long> spread = [.. keys, 7];
            Dictionary<long, int> doubled = new() { [1] = 2, [3] = 4 };
            var grouped = (from k in keys group k by k % 3 into g select g.Key).Count();
            Notify("x", string.Join(" ", keys.ToHashSet().Count, new HashSet<long>(keys).Count, keys.Distinct().Count(), keys.GroupBy(k => new { K = k }).Count(),
                keys.Distinct().ToDictionary(k => k, k => k * 2)[499], doubled[3], spread.Count, keys.CountBy(k => k % 7).Count(),
                keys.Select(k => new Pick(k, "p")).Distinct().Count(), keys.Join(keys.Take(10), x => x, y => y, (x, y) => x + y).Count(),
                keys.Select(k => (k, k)).ToHashSet().Count, keys.Union(keys).Intersect(keys).Except(new long[] { 1 }).Count(), keys.ToLookup(k => k.ToString())["3"].Count(), grouped));
            """);

        Assert.Equal(new Notify("x", "500 500 500 500 998 4 500 7 500 40 500 499 4 3"), Assert.Single(run.Actions));
    }

    [Fact]
    public void AnOrdinarySwitchOnATupleCompiles()
    {
        var run = Run("""
            var verdict = (Sku.Stock, Sku.Price, Week.Orders) switch
            {
                (0, _, _) => "empty",
                (< 5, > 100m, > 10) => "running out",
                (< 5, _, _) => "low",
                (>= 5 and < 50, > 1000m, _) => "dear",
                (>= 5 and < 50, _, 0) => "stale",
                (>= 50, _, < 3) => "overstocked",
                _ => "fine",
            };
            Notify("x", verdict);
            """);

        Assert.Single(run.Actions);
    }

    [Fact]
    public void StaticReadonlyLookupTablesAreInitialisedOnceAndRead()
    {
        var rule = Some.Rule("static readonly decimal[] Steps = { 0.05m, 0.10m };\nstatic readonly Dictionary<string, decimal> Floors = new() { [\"ozon\"] = 0.12m };\nclass Margins { public static readonly HashSet<string> Strict = new() { \"ozon\" }; }\nvar floor = Floors.TryGetValue(Sku.Marketplace, out var f) ? f : 0m;\nNotify(\"x\", $\"{floor} {Steps[1]} {Steps.Sum()} {Steps.Length} {Margins.Strict.Contains(Sku.Marketplace)} {string.Join('/', Steps)}\");\nforeach (var step in Steps) Log(step.ToString());");

        var first = rule.Evaluate(Some.Globals());
        var second = rule.Evaluate(Some.Globals());

        Assert.Equal(new Notify("x", "0.12 0.10 0.15 2 True 0.05/0.10"), Assert.Single(first.Actions));
        Assert.Equal(first.Actions, second.Actions);
    }

    [Fact]
    public void StaticTablesOfTheRulesOwnImmutableRecordsAndClassesAreInitialisedOnceAndRead()
    {
        var rule = Some.Rule("""
            record Band(decimal From, decimal To, string Name);
            sealed class Floor { public Floor(decimal share) => Share = share; public decimal Share { get; } }
            static readonly Band[] Bands = [new(0m, 100m, "low"), new(100m, 1000m, "mid")];
            static readonly Dictionary<string, Floor> Floors = new() { ["ozon"] = new(0.12m) };
            var band = Bands.FirstOrDefault(b => Sku.Price >= b.From && Sku.Price < b.To);
            var floor = Floors.GetValueOrDefault(Sku.Marketplace)?.Share ?? 0m;
            var wider = Bands[0] with { To = 150m };
            Notify("x", $"{band?.Name} {floor} {wider.To} {Bands[0].To}");
            """);

        var first = rule.Evaluate(Some.Globals());
        var second = rule.Evaluate(Some.Globals());

        Assert.True(first.Outcome == RuleOutcome.Fired, first.Error);
        Assert.Equal(new Notify("x", "mid 0.12 150 100"), Assert.Single(first.Actions));
        Assert.Equal(first.Actions, second.Actions);
    }

    [Fact]
    public void LoopsInEveryKindOfFunctionRunAsWrittenOnceInstrumented()
    {
        // Each kind of function the budget rewriter instruments (static, iterator, lambda, static lambda, catch, goto, method,
        // accessor), with loops in it: the instrumented rule compiles and computes what the rule says. That the loops are
        // stopped is shown by the hostile scripts (lambda-loop, local-function-loop, accessor-loop, constructor-loop, ...).
        var run = Run("""
            static int Count(int n) { var s = 0; for (var i = 0; i < n; i++) s++; return s; }
            IEnumerable<int> Gen(int n) { for (var i = 0; i < n; i++) { Func<int, int> f = x => { var t = 0; while (t < x) t++; return t; }; yield return f(i); } }
            Func<int, int> g = static x => { var k = 0; do { k++; } while (k < x); return k; };
            var total = 0;
            foreach (var v in Gen(5)) total += v;
            try { for (var i = 0; i < 3; i++) total++; throw new InvalidOperationException("x"); }
            catch (InvalidOperationException) { foreach (var c in new[] { 1, 2 }) total++; }
            finally { total++; }
            var j = 0;
            again:
            j++;
            if (j < 3) goto again;
            class Helper { public int Sum(int[] xs) { var s = 0; foreach (var x in xs) s += x; return s; } public int Twice { get { var r = 0; for (var i = 0; i < 2; i++) r++; return r; } } }
            Notify("x", $"{Count(4)} {total} {g(3)} {j} {new Helper().Sum(new[] { 1, 2 })} {new Helper().Twice}");
            """);

        Assert.Equal(new Notify("x", "4 16 3 3 3 2"), Assert.Single(run.Actions));
    }

    [Fact]
    public void ForEachOverTheCharactersOfAStringWorks()
    {
        var run = Run("var digits = 0;\nforeach (var ch in Sku.Sku) if (char.IsDigit(ch)) digits++;\nNotify(\"x\", $\"{digits}\");");

        Assert.Equal(new Notify("x", "1"), Assert.Single(run.Actions));
    }

    [Fact]
    public void HashingOperatorsKeepTheTypeOfWhatTheyHash()
    {
        // The host hands each hashing operator a budgeted comparer; one of another type would change what the call infers
        // (a Distinct of strings became a sequence of object, and OrderBy with a string comparer after it failed to compile).
        var run = Run("""
            record Pair(string Sku, int Orders);
            var names = new[] { "b", "a", "b" };
            var sorted = names.Distinct().OrderBy(p => p, StringComparer.Ordinal).ToArray();
            var tuples = new[] { ("a", 1), ("a", 1), ("b", 2) }.Distinct().Select(t => t.Item2).Sum();
            var records = new[] { new Pair("a", 1), new Pair("a", 1) }.Distinct().Select(r => r.Orders).Sum();
            var grouped = names.GroupBy(n => n).ToDictionary(g => g.Key, g => g.Count());
            var longest = names.ToHashSet().Union(new[] { "cc" }).MaxBy(n => n.Length);
            Notify("x", $"{string.Join(",", sorted)} {tuples} {records} {grouped["b"]} {longest}");
            """);

        Assert.Equal(new Notify("x", "a,b 3 1 2 cc"), Assert.Single(run.Actions));
    }

    [Fact]
    public void HashingOperatorsOnAnonymousKeysCompileAndKeepTheirType()
    {
        var run = Run("""
            var rows = new[] { (Sku: "a", Day: 1, Orders: 2), (Sku: "a", Day: 1, Orders: 3), (Sku: "b", Day: 2, Orders: 4) };
            var distinct = rows.Select(r => new { r.Sku, r.Day }).Distinct().Select(k => k.Sku).Count();
            var grouped = rows.GroupBy(r => new { r.Sku, r.Day }).Select(g => $"{g.Key.Sku}{g.Key.Day}:{g.Sum(r => r.Orders)}");
            var byKey = rows.DistinctBy(r => new { r.Sku }).Select(r => r.Orders).Sum();
            var lookup = rows.ToLookup(r => new { r.Sku })[new { Sku = "a" }].Count();
            var joined = rows.Join(rows, l => new { l.Sku }, r => new { r.Sku }, (l, r) => l.Orders * r.Orders).Sum();
            Notify("x", $"{distinct} {string.Join(",", grouped)} {byKey} {lookup} {joined}");
            """);

        Assert.Equal(new Notify("x", "2 a1:5,b2:4 6 2 41"), Assert.Single(run.Actions));
    }

    [Fact]
    public void AFailureAfterAHashingChainOverSeveralLinesIsReportedAtItsOwnLine()
    {
        // The comparer of an anonymous key repeats the chain's source; the copy must not move the lines after it.
        var rule = Some.Rule("var rows = new[] { (Sku: \"a\", Day: 1) };\nvar keys = rows // the rows\n    .Select(r => new { r.Sku })\n    .Distinct()\n    .Select(k => k.Sku.Length > 5 ? 1 : throw new InvalidOperationException(\"late\"))\n    .Count();", "chain.csx");

        var run = rule.Evaluate(Some.Globals());

        Assert.Equal(RuleOutcome.Failed, run.Outcome);
        Assert.Equal("InvalidOperationException: late (line 5)", run.Error);
    }

    [Fact]
    public void HashingAnonymousKeysStillCountsEachComparisonAsAStep()
    {
        // 40,000 equal keys: Repeat and the counted sequence charge 80,000 steps, and Distinct compares each key with the
        // first. The budgeted comparer counts each comparison as a step, so the evaluation runs out of its 100,000; with the
        // library's own comparer (what a tuple holding an anonymous value got before) it would not.
        foreach (var source in new[]
        {
            "var one = new { Sku = \"a\" };\nvar count = Enumerable.Repeat(one, 40_000).Distinct().Count();\nNotify(\"x\", count.ToString());",
            "var one = (new { Sku = \"a\" }, 1);\nvar count = Enumerable.Repeat(one, 40_000).Distinct().Count();\nNotify(\"x\", count.ToString());",
        })
        {
            var rule = Some.Rule(source);
            rule.Limits = rule.Limits with { MaxSteps = 100_000 };

            var run = rule.Evaluate(Some.Globals());

            Assert.True(run.Outcome == RuleOutcome.TimedOut, $"{source}: {run.Outcome} {run.Error}");
            Assert.Contains("steps", run.Error, StringComparison.Ordinal);
        }
    }

    private static RuleRun Run(string source)
    {
        var run = Some.Rule(source).Evaluate(Some.Globals());
        Assert.True(run.Outcome == RuleOutcome.Fired, run.Error);
        return run;
    }
}
