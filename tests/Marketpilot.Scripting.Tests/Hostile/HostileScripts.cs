namespace Marketpilot.Scripting.Tests.Hostile;

/// <summary>The hostile-script suite: one behaviour each, refused at compile time or stopped at run time.</summary>
internal static class HostileScripts
{
    // A string of a million 'a's, and a needle of two 200,000-character halves around a 'b'.
    private const string Hay = "var hay = \"a\";\nfor (var i = 0; i < 20; i++) hay += hay;\nvar half = hay.Substring(0, 200_000);\n";

    // Two strings of a million characters that differ only in the last one: comparing them costs their length.
    private const string TwoLong = "var a = \"0123456789abcdef\";\nfor (var i = 0; i < 16; i++) a += a;\nvar b = a.Substring(0, a.Length - 1) + \"x\";\n";

    // A string of a million characters (2 MB).
    private const string Big = "var big = \"0123456789abcdef\";\nfor (var i = 0; i < 16; i++) big += big;\n";

    // Straight-line code: no loop and no call the budget counts as a step, only the line repeated (# is the line's number).
    private static string Lines(string line, int count) =>
        string.Concat(Enumerable.Range(0, count).Select(i => line.Replace("#", i.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal) + "\n"));

    private static string Tuple(string element, int count) => "(" + string.Join(", ", Enumerable.Repeat(element, count)) + ")";

    /// <summary>Scripts whose every step is cheap to count but slow to run (hashing a tuple that holds a long string, once per loop iteration): stopped by the clock.</summary>
    public static TheoryData<string, string, string> Slow() => new()
    {
        { "tuples-of-one-long-string-added-in-a-loop", Big + "var set = new HashSet<(string, int)>();\nfor (var i = 0; i < 300_000; i++) set.Add((big, i));", "ms" },
        { "tuple-keys-of-one-long-string-in-a-loop", Big + "var counts = new Dictionary<(string, int), int>();\nfor (var i = 0; i < 300_000; i++) counts[(big, i % 7)] = i;", "ms" },
    };

    /// <summary>Scripts the sandbox refuses, with the diagnostic code and a fragment of its message.</summary>
    public static TheoryData<string, string, string, string> Refused() => new()
    {
        { "file-read", "var text = System.IO.File.ReadAllText(\"/etc/passwd\");\nLog(text);", "MP1001", "'System.IO.File' is not available to rules" },
        { "file-write-using", "using System.IO;\nFile.WriteAllText(\"/tmp/pwned\", \"x\");", "MP1001", "'System.IO.File'" },
        { "directory-list", "foreach (var f in System.IO.Directory.GetFiles(\"/\")) Log(f);", "MP1001", "'System.IO.Directory'" },
        { "network-http", "var client = new System.Net.Http.HttpClient();\nLog(client.GetStringAsync(\"http://example.com\").Result);", "MP1001", "'System.Net.Http.HttpClient'" },
        { "network-socket", "var s = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);", "MP1001", "System.Net.Sockets" },
        { "process-start", "System.Diagnostics.Process.Start(\"sh\", \"-c 'rm -rf /'\");", "MP1001", "'System.Diagnostics.Process'" },
        { "environment-variable", "Log(Environment.GetEnvironmentVariable(\"HOME\") ?? \"\");", "MP1001", "'System.Environment'" },
        { "environment-exit", "Environment.Exit(1);", "MP1001", "'System.Environment'" },
        { "environment-failfast", "Environment.FailFast(\"bye\");", "MP1001", "'System.Environment'" },
        { "type-gettype", "var t = Type.GetType(\"System.IO.File\");", "MP1001", "'System.Type'" },
        { "activator", "var o = Activator.CreateInstance(typeof(List<int>));", "MP1001", "'System.Activator'" },
        { "typeof-reflection", "foreach (var m in typeof(string).GetMethods()) Log(m.Name);", "MP1001", "'System.Type'" },
        { "gettype-assembly", "Log(Sku.GetType().Assembly.Location);", "MP1001", "GetType()" },
        { "assembly-load", "System.Reflection.Assembly.Load(\"System.Diagnostics.Process\");", "MP1001", "'System.Reflection.Assembly'" },
        { "delegate-method", "Func<int> f = () => 1;\nLog(f.Method.Name);", "MP1001", "'System.Delegate'" },
        { "expression-compile", "System.Linq.Expressions.Expression<Func<int>> e = () => 1;\nLog(e.Compile()().ToString());", "MP1001", "System.Linq.Expressions" },
        { "dynamic", "dynamic d = Sku;\nLog(d.Whatever);", "MP1002", "'dynamic' is not available to rules" },
        { "unsafe-pointer", "unsafe { int x = 1; int* p = &x; *p = 2; }", "MP1002", "'unsafe' is not available to rules" },
        { "stackalloc", "Span<byte> s = stackalloc byte[10_000_000];", "MP1002", "'stackalloc' is not available to rules" },
        { "extern-dllimport", "[System.Runtime.InteropServices.DllImport(\"libc\")] static extern int getpid();\nLog(getpid().ToString());", "MP1002", "'extern' is not available to rules" },
        { "marshal", "var p = System.Runtime.InteropServices.Marshal.AllocHGlobal(1 << 30);", "MP1001", "System.Runtime.InteropServices.Marshal" },
        { "unsafe-class", "var x = System.Runtime.CompilerServices.Unsafe.As<string>(Sku);", "MP1001", "System.Runtime.CompilerServices.Unsafe" },
        { "thread", "new System.Threading.Thread(() => { while (true) { } }).Start();", "MP1001", "'System.Threading.Thread'" },
        { "thread-sleep", "System.Threading.Thread.Sleep(60_000);", "MP1001", "'System.Threading.Thread'" },
        { "task-run", "System.Threading.Tasks.Task.Run(() => { while (true) { } });", "MP1001", "'System.Threading.Tasks.Task'" },
        { "timer", "var t = new System.Threading.Timer(_ => Log(\"tick\"), null, 0, 1);", "MP1001", "'System.Threading.Timer'" },
        { "parallel", "System.Threading.Tasks.Parallel.For(0, 1000, i => { });", "MP1001", "'System.Threading.Tasks.Parallel'" },
        { "thread-pool", "System.Threading.ThreadPool.QueueUserWorkItem(_ => { });", "MP1001", "'System.Threading.ThreadPool'" },
        { "async-loop", "async void Loop() { while (true) await System.Threading.Tasks.Task.Yield(); }\nLoop();", "MP1002", "'async' is not available to rules" },
        { "static-field", "static int counter = 0;\ncounter++;\nLog(counter.ToString());", "MP1002", "static fields are not available to rules" },
        { "finalizer", "class Bomb { ~Bomb() { while (true) { } } }\nnew Bomb();", "MP1002", "finalizers are not available to rules" },
        { "record-type", "record Node(string Sku, Node? Next);", "MP1002", "'Node' is not available to rules: it contains 'Node?' inside itself" },
        { "culture-indexof-bomb", "var hay = \"a\";\nfor (var i = 0; i < 18; i++) hay += hay;\nLog(hay.IndexOf(hay.Substring(0, 100_000) + \"b\").ToString());", "MP1001", "culture-sensitive 'string.IndexOf(string)' is not available to rules" },
        { "culture-replace", "Log(Sku.Sku.Replace(\"a\", \"b\", StringComparison.InvariantCultureIgnoreCase));", "MP1001", "pass StringComparison.Ordinal" },
        { "conditional-replace-amplifier", "var s = \"ab\";\nfor (var i = 0; i < 15; i++) s += s;\nLog(s?.Replace(\"a\", s) ?? \"\");", "MP1001", "'?.Replace(...)' is not available to rules" },
        { "stringbuilder-appendjoin", "var sb = new System.Text.StringBuilder();\nsb.AppendJoin(\",\", new[] { 1, 2 });", "MP1001", "AppendJoin" },
        { "stringbuilder-insert-count", "var sb = new System.Text.StringBuilder();\nsb.Insert(0, \"0123456789\", 200_000_000);", "MP1001", "StringBuilder.Insert(int, string?, int)" },
        { "gc-collect", "GC.Collect();", "MP1001", "'System.GC'" },
        { "console", "Console.WriteLine(\"flood\");", "MP1001", "'System.Console'" },
        { "appdomain", "Log(AppDomain.CurrentDomain.FriendlyName);", "MP1001", "'System.AppDomain'" },
        { "appcontext", "AppContext.SetSwitch(\"System.Globalization.Invariant\", false);", "MP1001", "'System.AppContext'" },
        { "reference-directive", "#r \"System.Diagnostics.Process\"\nSystem.Diagnostics.Process.Start(\"sh\");", "MP1001", "'#r' is not available to rules" },
        { "load-directive", "#load \"/etc/passwd\"\nLog(\"x\");", "MP1001", "'#load \"/etc/passwd\"' is not available to rules: only .csx files inside the scripts folder" },
        { "load-outside-scripts", "#load \"../../../../../../../../tmp/outside.csx\"\nLog(\"x\");", "MP1001", "only .csx files inside the scripts folder can be loaded" },
        { "line-directive", "#line 1 \"other.csx\"\nLog(\"x\");", "MP1002", "'#line' is not available to rules" },
        { "lock", "lock (\"interned\") { Log(\"x\"); }", "MP1002", "'lock' is not available to rules" },
        { "regex-backtracking", "var ok = System.Text.RegularExpressions.Regex.IsMatch(\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!\", \"(a+)+$\");", "MP1001", "'System.Text.RegularExpressions.Regex'" },
        { "string-repeat-constructor", "var s = new string('x', int.MaxValue);", "MP1001", "is not available to rules" },
        { "string-padding", "var s = \"x\".PadLeft(int.MaxValue);", "MP1001", "PadLeft" },
        { "list-capacity", "var l = new List<long>(int.MaxValue);", "MP1001", "List<long>.List(int)' is not available" },
        { "stringbuilder-repeat", "var sb = new System.Text.StringBuilder();\nsb.Append('x', int.MaxValue);", "MP1001", "Append" },
        { "random-shared-state", "Log(Random.Shared.Next().ToString());", "MP1001", "'System.Random'" },
        { "host-catalog", "Marketpilot.Scripting.RuleCatalog? catalog = null;\nLog(catalog?.Describe().Count.ToString() ?? \"\");", "MP1001", "'Marketpilot.Scripting.RuleCatalog'" },
        { "budget-reset", "Marketpilot.Scripting.Runtime.RuleBudget.Tick();", "MP1001", "'Marketpilot.Scripting.Runtime.RuleBudget'" },
        { "call-execute", "Execute();", "MP1001", "Execute" },
        { "sdk-serialization", "Log(System.Text.Json.JsonSerializer.Serialize(Marketpilot.Sdk.Serialization.MarketpilotJson.Options));", "MP1001", "MarketpilotJson" },
        { "sdk-connector", "Marketpilot.Sdk.Connectors.IMarketplaceConnector? c = null;\nLog(c?.ToString() ?? \"\");", "MP1001", "IMarketplaceConnector" },
        { "makeref", "int x = 1;\nvar r = __makeref(x);", "MP1002", "'__makeref' is not available to rules" },
        { "nesting-bomb", "var x = " + new string('(', 200) + "1" + new string(')', 200) + ";", "MP1003", "nested more than" },
        { "downcast-history", "((List<DailyMetrics>)History).Clear();", "MP1002", "casting to a more specific type" },
        { "as-cast-campaigns", "(Campaigns as List<CampaignSnapshot>)?.Clear();", "MP1002", "casting to a more specific type" },
        { "pattern-cast-promotions", "if (Sku.Promotions is string[] promotions) promotions[0] = \"hijacked\";", "MP1002", "type patterns" },
        { "downcast-actions", "((List<RuleAction>)Actions).Add(null!);", "MP1002", "casting to a more specific type" },
        { "huge-format-precision", "Log(Sku.Stock.ToString(\"D999999999\"));", "MP1002", "format strings must be constants" },
        { "runtime-format", "var f = \"D\" + Sku.Sku;\nLog(Sku.Stock.ToString(f));", "MP1002", "format strings must be constants" },
        { "huge-interpolation-width", "Log($\"{Sku.Sku,999999999}\");", "MP1002", "interpolation widths" },
        { "multi-dimensional-array", "var a = new long[50_000, 50_000];", "MP1002", "multi-dimensional arrays" },

        // Stack: value types and frames are bounded at compile time, so no single call can jump past the stack probe.
        { "tuple-alias-of-tuples", "using Big = " + Tuple(Tuple("decimal", 7), 7) + ";\nvoid R(int n, Big b) { R(n + 1, b); }\nR(0, default);", "MP1002", "value types larger than 256 bytes are not available to rules" },
        { "wide-tuple-literal", "var t = (" + string.Join(", ", Enumerable.Range(1, 20).Select(i => i + "m")) + ");\nLog(t.Item1.ToString());", "MP1002", "value types larger than 256 bytes" },
        { "wide-tuple-list", "var l = new List<" + Tuple("decimal", 20) + ">();\nLog(l.Count.ToString());", "MP1002", "value types larger than 256 bytes" },
        { "frame-of-many-wide-locals", "using Wide = " + Tuple("decimal", 16) + ";\n" + Lines("Wide w# = default;", 70) + "Log(w0.Item1.ToString());", "MP1002", "a function's locals and parameters may take at most 16384 bytes" },
        // Time: a value that holds itself formats, compares and hashes in time that doubles with every level, in one call.
        { "tuple-holding-itself", "object o = \"x\";\nfor (var i = 0; i < 40; i++) o = (o, o);\nLog(o.ToString()!.Length.ToString());", "MP1002", "'(object, object)' is not available to rules: a tuple, record or anonymous type may not hold 'object'" },
        { "pair-holding-itself", "object o = \"x\";\nfor (var i = 0; i < 40; i++) o = new KeyValuePair<object, object>(o, o);\nLog(string.Join(\",\", new[] { o }).Length.ToString());", "MP1002", "may not hold 'object'" },
        { "tuple-of-comparables-holding-itself", "IComparable o = 1;\nfor (var i = 0; i < 40; i++) o = (o, o);\nvar set = new HashSet<IComparable> { o };", "MP1002", "may not hold 'System.IComparable'" },
        { "generic-pair-holding-itself", "(T, T) Twice<T>(T x) => (x, x);\nobject o = 1;\nfor (var i = 0; i < 40; i++) o = Twice(o);\nLog(o.GetHashCode().ToString());", "MP1002", "may not hold 'T'" },
        // Time: searches of one span in another are unpriced, so they are refused; the string methods are budgeted.
        { "span-search", "var hay = Sku.Sku.AsSpan();\nLog(hay.IndexOf(\"needle\".AsSpan()).ToString());", "MP1001", "its cost grows with both spans at once" },
        { "span-split-any", "var parts = new Range[4];\nLog(Sku.Sku.AsSpan().SplitAny(parts, \"-_\".AsSpan()).ToString());", "MP1001", "its cost grows with both spans at once" },
        { "conditional-contains-in-strings", "List<string>? names = new() { Sku.Sku };\nLog((names?.Contains(\"x\") ?? false).ToString());", "MP1001", "on a collection of strings or tuples is not available to rules" },
        { "conditional-count-of-infinite-sequence", "IEnumerable<long>? s = Enumerable.InfiniteSequence(0L, 1L);\nLog(s?.Count().ToString() ?? \"\");", "MP1001", "on a sequence is not available to rules" },
        // Allocation: a library method passed as a delegate runs with no budget check between calls.
        { "method-group-select", "var big = \"0123456789abcdef\";\nfor (var i = 0; i < 16; i++) big += big;\nLog(Enumerable.Repeat(big, 5_000).Select(string.Concat<char>).ToList().Count.ToString());", "MP1002", "as a delegate is not available to rules" },
        { "method-group-range", "var all = Enumerable.Range(0, 1000).ToList().Select(Enumerable.Range).SelectMany(r => r).Count();", "MP1002", "as a delegate is not available to rules" },
        { "tryformat-huge-precision", "var buffer = new char[10];\nLog(1.5m.TryFormat(buffer, out var written, \"F999999999\").ToString());", "MP1002", "format strings must be constants without widths or precisions over 1000" },
    };

    /// <summary>Scripts that compile and must be stopped by a budget, with a fragment of the reason.</summary>
    public static TheoryData<string, string, string> Stopped() => new()
    {
        { "while-true", "while (true) { }", "steps" },
        { "for-ever", "for (;;) { }", "steps" },
        { "do-while", "do { } while (true);", "steps" },
        { "goto-loop", "loop:\ngoto loop;", "steps" },
        { "foreach-over-characters", "var s = string.Join(\"\", Enumerable.Repeat(\"x\", 10000));\nforeach (var a in s) foreach (var b in s) foreach (var c in s) { }", "steps" },
        { "lambda-loop", "Func<int> spin = () => { while (true) { } };\nspin();", "steps" },
        { "static-lambda-loop", "Func<int, int> spin = static n => { for (;;) n++; };\nspin(0);", "steps" },
        { "local-function-loop", "void Spin() { do { } while (true); }\nSpin();", "steps" },
        { "loop-in-a-lambda-in-an-iterator", "IEnumerable<int> Items() { Func<int> spin = () => { while (true) { } }; yield return spin(); }\nforeach (var i in Items()) { }", "steps" },
        { "loop-in-a-catch-in-a-lambda", "Action spin = () => { try { throw new InvalidOperationException(); } catch (InvalidOperationException) { while (true) { } } };\nspin();", "steps" },
        { "goto-in-a-lambda", "Action spin = () => { again: goto again; };\nspin();", "steps" },
        { "foreach-infinite-iterator", "IEnumerable<int> Forever() { while (true) yield return 1; }\nforeach (var i in Forever()) { }", "steps" },
        { "linq-infinite-iterator", "IEnumerable<int> Forever() { var i = 0; while (true) yield return i++; }\nLog(Forever().Count().ToString());", "steps" },
        { "recursion", "int Down(int n) => Down(n + 1);\nDown(0);", "call depth" },
        { "recursion-block-body", "void Down(int n) { var x = n * 2; Down(x); }\nDown(1);", "call depth" },
        { "mutual-recursion", "int Ping(int n) => Pong(n + 1);\nint Pong(int n) => Ping(n + 1);\nPing(0);", "call depth" },
        { "lambda-recursion", "Func<int, int> f = null!;\nf = n => f(n + 1);\nf(0);", "call depth" },
        { "static-local-function-recursion", "static long Fact(long n) => n * Fact(n - 1);\nFact(10);", "call depth" },
        { "recursion-through-linq", "int Deep(int n) => new[] { n }.Select(x => Deep(x + 1)).First();\nDeep(0);", "call depth" },
        { "recursion-caught-and-retried", "void F() { try { F(); } catch { F(); } }\nF();", "call depth" },
        { "exponential-recursion", "long Fib(long n) => n < 2 ? n : Fib(n - 1) + Fib(n - 2);\nLog(Fib(60).ToString());", "steps" },
        { "huge-array", "var a = new long[int.MaxValue / 2];\nLog(a.Length.ToString());", "allocating" },
        { "array-per-iteration", "var keep = new List<int[]>();\nwhile (true) keep.Add(new int[100_000]);", "allocating" },
        { "string-doubling", "var s = \"xxxxxxxxxxxxxxxx\";\nwhile (true) s += s;", "allocating" },
        { "list-growth", "var l = new List<decimal>();\nwhile (true) l.Add(1m);", "stopped after allocating more than" },
        { "stringbuilder-growth", "var sb = new System.Text.StringBuilder();\nwhile (true) sb.Append(\"0123456789012345678901234567890123456789\");", "stopped after allocating more than" },
        { "dictionary-growth", "var d = new Dictionary<int, string>();\nfor (var i = 0; ; i++) d[i] = i.ToString();", "stopped after allocating more than" },
        { "range-count", "Log(Enumerable.Range(0, int.MaxValue).Count().ToString());", "steps" },
        { "range-tolist", "var all = Enumerable.Range(0, int.MaxValue).Select(i => (long)i).ToList();", "steps" },
        { "repeat-sum", "Log(Enumerable.Repeat(1L, int.MaxValue).Sum().ToString());", "steps" },
        { "range-sort", "Log(Enumerable.Range(0, 50_000_000).OrderByDescending(x => x).First().ToString());", "steps" },
        { "nested-ranges", "Log(Enumerable.Range(0, 10_000).SelectMany(i => Enumerable.Range(0, 10_000)).Count().ToString());", "steps" },
        { "join-of-repeats", "Log(string.Join(\",\", Enumerable.Repeat(\"xxxxxxxx\", 500_000_000)).Length.ToString());", "steps" },
        { "concat-of-repeated-big-string", "var big = \"0123456789abcdef\";\nfor (var i = 0; i < 16; i++) big += big;\nLog(string.Concat(Enumerable.Repeat(big, 5000)).Length.ToString());", "allocating" },
        { "join-of-repeated-big-string", "var big = \"0123456789abcdef\";\nfor (var i = 0; i < 16; i++) big += big;\nvar many = Enumerable.Repeat(big, 5000).ToArray();\nLog(string.Join(\",\", many).Length.ToString());", "steps" },
        { "replace-amplifier", "var s = \"ab\";\nfor (var i = 0; i < 15; i++) s += s;\nLog(s.Replace(\"a\", s).Length.ToString());", "allocating" },
        { "replace-with-comparison-amplifier", "var s = \"ab\";\nfor (var i = 0; i < 15; i++) s += s;\nLog(s.Replace(\"a\", s, StringComparison.Ordinal).Length.ToString());", "allocating" },
        { "stringbuilder-replace-amplifier", "var s = \"ab\";\nfor (var i = 0; i < 15; i++) s += s;\nvar sb = new System.Text.StringBuilder(s);\nsb.Replace(\"a\", s);", "allocating" },
        { "straight-line-string-doubling", "var s = \"0123456789abcdef\";\n" + Lines("s += s;", 30) + "Log(s.Length.ToString());", "allocating" },
        { "straight-line-interpolation-doubling", "var s = \"0123456789abcdef\";\n" + Lines("s = $\"{s}{s}\";", 30) + "Log(s.Length.ToString());", "allocating" },
        { "straight-line-concat-quadrupling", "var s = \"0123456789abcdef\";\n" + Lines("s = string.Concat(s, s, s, s);", 16) + "Log(s.Length.ToString());", "allocating" },
        { "straight-line-stringbuilder-self-append", "var sb = new System.Text.StringBuilder(\"0123456789abcdef\");\n" + Lines("sb.Append(sb);", 28) + "Log(sb.Length.ToString());", "allocating" },
        { "stringbuilder-length-padding", "var sb = new System.Text.StringBuilder();\nsb.Length = 1_000_000_000;", "allocating" },
        { "straight-line-list-addrange-self", "var l = new List<long> { 1, 2, 3, 4 };\n" + Lines("l.AddRange(l);", 28) + "Log(l.Count.ToString());", "allocating" },
        { "straight-line-conditional-addrange", "var l = new List<long> { 1, 2, 3, 4 };\n" + Lines("l?.AddRange(l);", 28) + "Log(l.Count.ToString());", "allocating" },
        { "straight-line-linq-concat-tolist", "var l = new List<long> { 1, 2, 3, 4 };\n" + Lines("l = l.Concat(l).ToList();", 28) + "Log(l.Count.ToString());", "allocating" },
        { "straight-line-collection-spread", "List<long> l = [1, 2, 3, 4];\n" + Lines("l = [.. l, .. l];", 28) + "Log(l.Count.ToString());", "allocating" },
        { "straight-line-copying-constructor", "var l = new List<long> { 1, 2, 3, 4 };\n" + Lines("l.AddRange(new List<long>(l));", 28) + "Log(l.Count.ToString());", "allocating" },
        { "lambda-body-addrange-self", "var l = new List<long> { 1, 2, 3, 4 };\nAction grow = () => l.AddRange(l);\n" + Lines("grow();", 28) + "Log(l.Count.ToString());", "allocating" },
        { "catch-all", "while (true) { try { while (true) { } } catch { } }", "steps" },
        { "catch-exception", "while (true) { try { while (true) { } } catch (Exception) { } }", "steps" },
        { "catch-exception-variable", "while (true) { try { while (true) { } } catch (Exception e) { Log(e.Message); } }", "steps" },
        { "catch-filter-true", "while (true) { try { while (true) { } } catch (Exception) when (true) { } }", "steps" },
        { "catch-filter-side-effect", "var caught = 0;\nbool Swallow() { caught++; return true; }\nwhile (true) { try { while (true) { } } catch when (Swallow()) { } }", "steps" },
        { "finally-loop", "try { while (true) { } } finally { while (true) { } }", "steps" },
        { "finally-recursion", "void F() { try { F(); } finally { F(); } }\nF();", "call depth" },
        { "nested-catch-rethrow", "while (true) { try { try { while (true) { } } catch (Exception e) { throw new InvalidOperationException(e.Message); } } catch { } }", "steps" },
        { "throw-catch-loop", "while (true) { try { throw new InvalidOperationException(); } catch { } }", "stopped after allocating more than" },
        { "action-spam", "while (true) SetPrice(1m, \"again\");", "stopped after proposing more than 1000 actions" },
        { "reason-spam", "var reason = \"0123456789\";\nfor (var i = 0; i < 5; i++) reason += reason;\nwhile (true) SetPrice(1m, reason);", "stopped after handing the host more than" },
        { "log-spam", "while (true) Log(\"flood\");", "stopped after logging more than 1000 messages" },
        { "busy-clock-loop", "var end = DateTime.UtcNow.AddMinutes(5);\nwhile (DateTime.UtcNow < end) { }", "steps" },

        // Stack: every check probes the stack, so recursion of any shape is stopped before it overflows.
        { "iterator-recursion", "IEnumerable<int> Down(int n) { foreach (var x in Down(n + 1)) yield return x; yield return n; }\nLog(Down(0).Count().ToString());", "KiB of stack" },
        { "iterator-recursion-through-linq", "IEnumerable<int> Down(int n) { foreach (var x in Down(n + 1).Where(v => v >= 0)) yield return x; yield return n; }\nLog(Down(0).First().ToString());", "KiB of stack" },
        { "iterator-recursion-through-lambda", "Func<int, IEnumerable<int>> next = null!;\nIEnumerable<int> Down(int n) { foreach (var x in next(n + 1)) yield return x; yield return n; }\nnext = n => Down(n);\nLog(Down(0).Any().ToString());", "KiB of stack" },
        { "operator-chain-nesting", "IEnumerable<int> e = new[] { 1 };\nfor (var i = 0; i < 150_000; i++) e = e.Distinct();\nLog(e.First().ToString());", "KiB of stack" },
        { "recursion-with-wide-arguments", "using Wide = " + Tuple("decimal", 16) + ";\nint R(int n, " + string.Join(", ", Enumerable.Range(0, 30).Select(i => "Wide a" + i)) + ") => R(n + 1, " + string.Join(", ", Enumerable.Range(0, 30).Select(i => "a" + i)) + ");\nR(0" + string.Concat(Enumerable.Repeat(", default", 30)) + ");", "KiB of stack" },
        { "linq-recursion-with-wide-arguments", "using Wide = " + Tuple("decimal", 16) + ";\nint R(int n, " + string.Join(", ", Enumerable.Range(0, 50).Select(i => "Wide a" + i)) + ") => new[] { n }.Select(x => R(x + 1, " + string.Join(", ", Enumerable.Range(0, 50).Select(i => "a" + i)) + ")).First();\nR(0" + string.Concat(Enumerable.Repeat(", default", 50)) + ");", "KiB of stack" },
        // Time: library calls are priced by their input before they run, and sequences they consume count each element.
        { "ordinal-contains-crafted", Hay + "Log(hay.Contains(half + \"b\" + half).ToString());", "steps" },
        { "ordinal-indexof-crafted", Hay + "Log(hay.IndexOf(half + \"b\" + half, StringComparison.Ordinal).ToString());", "steps" },
        { "ordinal-lastindexof-crafted", Hay + "Log(hay.LastIndexOf(\"b\" + half, StringComparison.OrdinalIgnoreCase).ToString());", "steps" },
        { "ordinal-replace-crafted", Hay + "Log(hay.Replace(half + \"b\" + half, \"x\").Length.ToString());", "steps" },
        { "split-crafted", Hay + "Log(hay.Split(half + \"b\" + half).Length.ToString());", "steps" },
        { "trim-with-every-character", Hay + "Log(hay.Trim(half.ToCharArray()).Length.ToString());", "steps" },
        { "infinite-sequence-contains", "Log(Enumerable.InfiniteSequence(0L, 1L).Contains(-1L).ToString());", "steps" },
        { "huge-sequence-sum", "Log(Enumerable.Sequence(0L, long.MaxValue, 1L).Sum().ToString());", "steps" },
        { "query-over-infinite-sequence", "Log((from x in Enumerable.InfiniteSequence(0L, 1L) where x < 0 select x).Any().ToString());", "steps" },
        { "flattened-repeats-of-a-list", "var l = Enumerable.Range(0, 200_000).ToList();\nLog(Enumerable.Repeat(l, 200_000).SelectMany(x => x).LongCount().ToString());", "steps" },
        { "concat-chain-of-a-list", "var l = Enumerable.Range(0, 100_000).ToList();\nIEnumerable<int> c = l;\nfor (var i = 0; i < 1_000; i++) c = c.Concat(l);\nLog(c.LongCount().ToString());", "steps" },
        { "sort-of-two-long-strings", TwoLong + "var list = new List<string>();\nfor (var i = 0; i < 200_000; i++) list.Add(i % 2 == 0 ? a : b);\nlist.Sort(StringComparer.Ordinal);", "steps" },
        { "contains-in-copies-of-a-long-string", TwoLong + "var list = new List<string>();\nfor (var i = 0; i < 200_000; i++) list.Add(a);\nfor (var i = 0; i < 100; i++) Log(list.Contains(b).ToString());", "steps" },
        { "array-indexof-in-copies-of-a-long-string", TwoLong + "var list = new List<string>();\nfor (var i = 0; i < 200_000; i++) list.Add(a);\nvar array = list.ToArray();\nfor (var i = 0; i < 100; i++) Log(Array.IndexOf(array, b).ToString());", "steps" },
        { "orderby-long-keys", TwoLong + "var list = new List<int>();\nfor (var i = 0; i < 200_000; i++) list.Add(i);\nLog(list.OrderBy(i => i % 2 == 0 ? a : b, StringComparer.Ordinal).First().ToString());", "steps" },
        { "groupby-long-keys-from-a-block", TwoLong + "var list = new List<int>();\nfor (var i = 0; i < 200_000; i++) list.Add(i);\nLog(list.GroupBy(i => { if (i % 2 == 0) return a; return b; }).Count().ToString());", "steps" },
        { "linq-contains-in-copies-of-a-long-string", TwoLong + "var list = new List<string>();\nfor (var i = 0; i < 200_000; i++) list.Add(a);\nfor (var i = 0; i < 100; i++) Log(list.AsEnumerable().Contains(b).ToString());", "steps" },
        { "linq-order-of-two-long-strings", TwoLong + "var list = new List<string>();\nfor (var i = 0; i < 200_000; i++) list.Add(i % 2 == 0 ? a : b);\nLog(list.Order(StringComparer.Ordinal).First().Length.ToString());", "steps" },
        { "sort-of-tuples-of-two-long-strings", TwoLong + "var list = new List<(string, int)>();\nfor (var i = 0; i < 100_000; i++) list.Add((i % 2 == 0 ? a : b, 0));\nlist.Sort();", "steps" },
        { "orderby-tuple-keys-of-two-long-strings", TwoLong + "var list = new List<int>();\nfor (var i = 0; i < 200_000; i++) list.Add(i);\nLog(list.OrderBy(i => (i % 2 == 0 ? a : b, 0)).First().ToString());", "steps" },
        { "distinct-tuples-of-one-long-string", Big + "var arr = Enumerable.Repeat((big, 1), 300_000).ToArray();\nLog(arr.Distinct().Count().ToString());", "steps" },
        { "grouped-tuples-of-one-long-string", Big + "var arr = Enumerable.Repeat((big, 1), 300_000).ToArray();\nLog(arr.GroupBy(t => t).Count().ToString());", "steps" },
        { "hashset-of-one-long-string", "var big = \"0123456789abcdef\";\nfor (var i = 0; i < 16; i++) big += big;\nLog(new HashSet<string>(Enumerable.Repeat(big, 300_000).ToArray()).Count.ToString());", "steps" },
        { "dictionary-keyed-by-one-long-string", "var big = \"0123456789abcdef\";\nfor (var i = 0; i < 16; i++) big += big;\nvar keys = Enumerable.Repeat(big, 300_000).ToList();\nLog(keys.GroupBy(k => k.Length).Count().ToString());", "steps" },
        // Allocation: what a library call builds is counted before it is built, or as it is built.
        { "concat-of-many-parts", Big + "Log(string.Concat(" + string.Join(", ", Enumerable.Repeat("big", 60)) + ").Length.ToString());", "allocating" },
        { "join-of-many-parts", Big + "Log(string.Join(\",\", " + string.Join(", ", Enumerable.Repeat("big", 60)) + ").Length.ToString());", "allocating" },
        { "join-with-a-long-separator", Big + "Log(string.Join(big, " + string.Join(", ", Enumerable.Repeat("\"x\"", 60)) + ").Length.ToString());", "allocating" },
        { "plus-chain-of-one-string", Big + "var s = " + string.Join(" + ", Enumerable.Repeat("big", 60)) + ";\nLog(s.Length.ToString());", "allocating" },
        { "plus-chain-with-numbers", Big + "var s = " + string.Join(" + 1 + ", Enumerable.Repeat("big", 60)) + ";\nLog(s.Length.ToString());", "allocating" },
        { "format-repeating-one-argument", Big + "Log(string.Format(\"" + string.Concat(Enumerable.Repeat("{0}", 60)) + "\", big).Length.ToString());", "allocating" },
        { "appendformat-repeating-one-argument", Big + "var sb = new System.Text.StringBuilder();\nsb.AppendFormat(\"" + string.Concat(Enumerable.Repeat("{0}", 60)) + "\", big);\nLog(sb.Length.ToString());", "allocating" },
        { "interpolation-repeating-one-hole", Big + "Log($\"" + string.Concat(Enumerable.Repeat("{big}", 60)) + "\".Length.ToString());", "allocating" },
        { "spread-repeating-one-list", "var l = Enumerable.Range(0, 200_000).Select(i => (long)i).ToList();\nList<long> all = [" + string.Join(", ", Enumerable.Repeat(".. l", 60)) + "];\nLog(all.Count.ToString());", "allocating" },
        { "log-flood-through-foreach", "Enumerable.Repeat(\"flood\", 100_000).ToList().ForEach(Log);", "stopped after logging more than 1000 messages" },
        { "log-many-messages", "for (var i = 0; i < 100_000; i++) Log(\"flood\");", "stopped after logging more than 1000 messages" },
        { "log-one-long-string-repeatedly", Big + "for (var i = 0; i < 300_000; i++) Log(big);", "characters of messages and reasons" },
        { "notify-with-long-reasons", Big + "for (var i = 0; i < 1000; i++) Notify(\"manager\", big);", "characters of messages and reasons" },
    };

    /// <summary>
    /// Scripts that cast what a rule is given back to a mutable list and change it. Each first proposes one
    /// notification, so the last ones also try to erase or forge what it proposed.
    /// </summary>
    public static TheoryData<string, string> CastRoutes()
    {
        const string Probe = "Notify(\"manager\", \"probe\");\n";
        return new()
        {
            { "cast-history", Probe + "foreach (var h in new object[] { History }.Cast<List<DailyMetrics>>()) h.Clear();" },
            { "cast-history-array", Probe + "foreach (var h in new object[] { History }.Cast<DailyMetrics[]>()) h[0] = h[1];" },
            { "helper-history", Probe + "static T As<T>(object o) => (T)o;\nAs<List<DailyMetrics>>(History).Clear();" },
            { "helper-history-array", Probe + "static T As<T>(object o) => (T)o;\nvar a = As<DailyMetrics[]>(History);\na[0] = a[^1];" },
            { "helper-history-ilist", Probe + "static T As<T>(object o) => (T)o;\nAs<IList<DailyMetrics>>(History).Clear();" },
            { "pattern-history", Probe + "if (History is List<DailyMetrics> h) h.Clear();" },
            { "pattern-object-history", Probe + "object o = History;\nif (o is List<DailyMetrics> h) h.Clear();\nif (o is DailyMetrics[] a) a[0] = a[^1];\nif (o is ICollection<DailyMetrics> c) c.Clear();" },
            { "oftype-campaigns", Probe + "foreach (var c in new object[] { Campaigns }.OfType<List<CampaignSnapshot>>()) c.Clear();\nforeach (var c in new object[] { Campaigns }.OfType<ICollection<CampaignSnapshot>>()) c.Clear();" },
            { "helper-campaigns", Probe + "static T As<T>(object o) => (T)o;\nAs<List<CampaignSnapshot>>(Campaigns).RemoveAt(0);" },
            { "cast-campaign-skus", Probe + "foreach (var s in new object[] { Campaigns[0].Skus }.Cast<List<string>>()) s.Add(\"C-3\");" },
            { "helper-campaign-skus", Probe + "static T As<T>(object o) => (T)o;\nAs<List<string>>(Campaigns[0].Skus).Clear();" },
            { "cast-promotions", Probe + "foreach (var p in new object[] { Sku.Promotions }.Cast<List<string>>()) p.Clear();" },
            { "helper-promotions", Probe + "static T As<T>(object o) => (T)o;\nAs<string[]>(Sku.Promotions)[0] = \"forged\";" },
            { "oftype-promotions", Probe + "foreach (var p in new object[] { Sku.Promotions }.OfType<ICollection<string>>()) p.Clear();" },
            { "helper-actions", Probe + "static T As<T>(object o) => (T)o;\nAs<List<RuleAction>>(Actions).Clear();" },
            { "cast-actions", Probe + "foreach (var a in new object[] { Actions }.Cast<List<RuleAction>>()) a.Add(new SetPrice(0.01m));" },
            { "oftype-actions", Probe + "foreach (var a in new object[] { Actions }.OfType<ICollection<RuleAction>>()) a.Clear();" },
            { "pattern-messages", Probe + "object m = Messages;\nif (m is List<string> l) l.Add(\"forged\");\nif (m is ICollection<string> c) c.Add(\"forged\");" },
        };
    }
}
