namespace Marketpilot.Scripting.Tests.Hostile;

/// <summary>Hostile scripts that use what rules may declare (classes, records, static tables) to keep state, mutate shared data or nest values without bound.</summary>
internal static class DeclaredTypeHostileScripts
{
    /// <summary>Refused at compile time, with the diagnostic code and a fragment of its message.</summary>
    public static TheoryData<string, string, string, string> Refused() => new()
    {
        { "table-element-write", "static readonly decimal[] Steps = { 0.1m, 0.2m };\nSteps[0] = 0m;", "MP1002", "'Steps' is a static table" },
        { "table-dictionary-set", "static readonly Dictionary<string, decimal> Floors = new() { [\"ozon\"] = 0.12m };\nFloors[Sku.Sku] = 0m;", "MP1002", "'Floors' is a static table" },
        { "table-dictionary-add", "static readonly Dictionary<string, int> Seen = new();\nSeen.Add(Sku.Sku, Sku.Stock);", "MP1002", "'Seen' is a static table" },
        { "table-list-clear", "static readonly List<int> Levels = new() { 1, 2 };\nLevels.Clear();", "MP1002", "'Levels' is a static table" },
        { "table-handed-to-helper", "static readonly List<int> Levels = new() { 1, 2 };\nvoid Grow(List<int> l) => l.Add(3);\nGrow(Levels);", "MP1002", "'Levels' is a static table" },
        { "table-cast-back", "static readonly int[] Levels = { 1, 2 };\nvar same = Levels.Cast<int>();", "MP1002", "'Levels' is a static table" },
        { "table-by-ref", "static readonly int[] Levels = { 1, 2 };\n{ ref int first = ref Levels[0]; first = 5; }", "MP1002", "'Levels' is a static table" },
        { "table-of-mutable-rows", "static readonly List<int>[] Rows = { new() { 1 } };\nRows[0].Add(2);", "MP1002", "a static table may hold only numbers, text, dates, enums, tuples of them" },
        { "table-of-objects", "static readonly object[] Anything = { 1 };", "MP1002", "a static table may hold only" },
        { "table-of-class-with-a-field", "class Row { public int N; }\nstatic readonly Row[] Rows = { new() };\nRows[0].N = 5;", "MP1002", "a static table may hold only" },
        { "table-of-record-with-a-setter", "record Row { public int N { get; set; } }\nstatic readonly Row[] Rows = { new() };\nRows[0].N = 5;", "MP1002", "a static table may hold only" },
        { "table-of-record-holding-a-list", "record Row(List<int> Items);\nstatic readonly Dictionary<string, Row> Rows = new() { [\"a\"] = new(new()) };\nRows[\"a\"].Items.Add(1);", "MP1002", "a static table may hold only" },
        { "table-of-a-base-whose-override-keeps-state", "record Band(decimal From) { public virtual int Touch() => 0; }\nrecord Counting(decimal From) : Band(From) { private readonly List<int> _seen = new(); public override int Touch() { _seen.Add(1); return _seen.Count; } }\nstatic readonly Band[] Bands = { new Counting(1m) };\nLog(Bands[0].Touch().ToString());", "MP1002", "a static table may hold only" },
        { "single-instance-with-a-counter", "class Counter { private int _n; public int Next() => ++_n; }\nstatic readonly Counter Shared = new();\nLog(Shared.Next().ToString());", "MP1002", "a static table may hold only" },
        { "table-of-class-derived-from-a-library-type", "class Row : List<int> { }\nstatic readonly Row[] Rows = { new() };\nRows[0].Add(1);", "MP1002", "a static table may hold only" },
        { "static-field-counter", "static int runs;\nruns++;", "MP1002", "static fields are not available to rules" },
        { "class-static-field", "class Memory { public static int Runs; }\nMemory.Runs++;", "MP1002", "static fields are not available to rules" },
        { "class-static-auto-property", "class Memory { public static string Last { get; set; } = \"\"; }\nMemory.Last = Sku.Sku;", "MP1002", "static auto-properties are not available to rules" },
        { "class-static-constructor", "class Boot { static Boot() { } }", "MP1002", "static constructors are not available to rules" },
        { "struct-declaration", "struct Big { public decimal A, B, C, D; }", "MP1002", "declaring structs and interfaces is not available to rules" },
        { "generic-class", "class Box<T> { public T? Value; }", "MP1002", "generic types are not available to rules" },
        { "nested-type", "class Outer { class Inner { } }", "MP1002", "types inside types are not available to rules" },
        { "self-containing-record", "record Link(string Sku, Link? Next);\nLink? chain = null;\nfor (var i = 0; i < 1_000_000; i++) chain = new Link(\"x\", chain);\nLog(chain!.GetHashCode().ToString());", "MP1002", "inside itself" },
        { "mutually-containing-records", "record A(B? Other);\nrecord B(A? Other);", "MP1002", "inside itself" },
        { "record-through-tuple", "record Cell((Cell?, int) Pair);", "MP1002", "inside itself" },
        { "record-holding-object", "record Bag(object Item);\nobject o = 1;\nfor (var i = 0; i < 1_000_000; i++) o = new Bag(o);\nLog(o.ToString()!);", "MP1002", "may not hold 'object'" },
        { "record-as-list", "record Chain(IReadOnlyList<int> Items) : IReadOnlyList<int> { public int this[int i] => Items[i]; public int Count => Items.Count; public IEnumerator<int> GetEnumerator() => Items.GetEnumerator(); System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator(); }", "MP1002", "may implement only IEquatable<T> and IComparable<T>" },
        { "tuple-nesting-through-object", "object o = 1;\nfor (var i = 0; i < 1_000_000; i++) o = (o, i);\nLog(o.ToString()!);", "MP1002", "may not hold 'object'" },
        { "anonymous-nesting-through-object", "object o = 1;\nfor (var i = 0; i < 1_000_000; i++) o = new { Inner = o };\nLog(o.GetHashCode().ToString());", "MP1002", "may not hold 'object'" },
        { "tuple-nesting-through-icomparable", "IComparable o = 1;\nfor (var i = 0; i < 1_000_000; i++) o = (o, i);\nLog(o.ToString()!);", "MP1002", "may not hold 'System.IComparable'" },
        { "key-value-nesting", "object o = 1;\nfor (var i = 0; i < 1_000_000; i++) o = new KeyValuePair<object, int>(o, i);\nLog(o.ToString()!);", "MP1002", "may not hold 'object'" },
        { "exception-chain", "var e = new Exception(\"x\");\nfor (var i = 0; i < 1_000_000; i++) e = new Exception(\"x\", e);\nLog(e.ToString());", "MP1001", "is not available to rules" },
        { "derives-from-the-rule-base", "class Again : Marketpilot.Scripting.Runtime.RuleScript { protected override void Execute() { SetPrice(0m); } }", "MP1002", "a rule's types may not derive from 'Marketpilot.Scripting.Runtime.RuleScript'" },
        { "generated-execute-from-class", "class Again { public void Run(__MarketpilotRule rule) => rule.Execute(); }", "MP1001", "Execute" },
    };

    /// <summary>Compile, and must be stopped by a budget, with a fragment of the reason.</summary>
    public static TheoryData<string, string, string> Stopped() => new()
    {
        { "method-recursion", "class Walker { public int Down(int n) => Down(n + 1); }\nnew Walker().Down(0);", "call depth" },
        { "getter-recursion", "class Loop { public int Value => Value + 1; }\nLog(new Loop().Value.ToString());", "call depth" },
        { "setter-recursion", "class Loop { private int _v; public int Value { get => _v; set => Value = value + 1; } }\nnew Loop().Value = 1;", "call depth" },
        { "constructor-recursion", "class Egg { public Egg() { new Egg(); } }\nnew Egg();", "call depth" },
        { "tostring-recursion-through-library", "class Mirror { public override string ToString() => $\"{this}\"; }\nLog(new Mirror().ToString());", "call depth" },
        { "equals-recursion-through-dictionary", "class Key { public override int GetHashCode() => new Dictionary<Key, int> { [this] = 1 }.Count; }\nLog(new Key().GetHashCode().ToString());", "call depth" },
        { "operator-recursion", "class Money { public static Money operator +(Money a, Money b) => a + b; }\nvar m = new Money() + new Money();", "call depth" },
        { "method-loop", "class Spinner { public void Spin() { while (true) { } } }\nnew Spinner().Spin();", "steps" },
        { "accessor-loop", "class Spinner { public int Value { get { while (true) { } } } }\nLog(new Spinner().Value.ToString());", "steps" },
        { "constructor-loop", "class Spinner { public Spinner() { for (;;) { } } }\nnew Spinner();", "steps" },
        { "record-method-loop", "record Plan(decimal Price) { public decimal Settle() { var p = Price; while (true) p += 1; } }\nnew Plan(1m).Settle();", "steps" },
        { "iterator-method-forever", "class Source { public IEnumerable<int> All() { while (true) yield return 1; } }\nLog(new Source().All().Count().ToString());", "steps" },
    };
}
