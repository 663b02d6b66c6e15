namespace Marketpilot.Scripting.Tests.Hostile;

/// <summary>
/// Hostile scripts aimed at the compile step: code that reads differently once compiled than when
/// checked, and input shaped to exhaust the compiler's stack, time or memory. Each must end in a
/// diagnostic, with the process alive.
/// </summary>
internal static class CompilerHostileScripts
{
    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    /// <summary>Scripts whose checked and compiled forms could differ: every directive but #load and #region is refused.</summary>
    public static TheoryData<string, string, string, string> CheckedIsNotCompiled() => new()
    {
        {
            "comment-hides-line-hidden",
            "#define X\nif (Sku.Stock >= 0) {\n#if X\n/*\n#endif\n#line hidden\nSystem.IO.File.WriteAllText(\"/tmp/pwned\", Environment.GetEnvironmentVariable(\"HOME\"));\n#if X\n*/\n#endif\n}",
            "MP1002", "'#define' is not available to rules"
        },
        {
            "else-branch-compiled",
            "#define CHECKED\nif (Sku.Stock >= 0)\n{\n#if CHECKED\n    Log(\"ok\");\n#else\n    Span<byte> s = stackalloc byte[1 << 20];\n#endif\n}",
            "MP1002", "code switched off by '#if' is not available in rules"
        },
        { "undef", "#undef DEBUG\nLog(\"x\");", "MP1002", "'#undef' is not available to rules" },
        { "pragma-warning", "#pragma warning disable CS0219\nvar unused = 1;", "MP1002", "'#pragma' is not available to rules" },
        { "error-directive", "#error stop\nLog(\"x\");", "MP1002", "'#error' is not available to rules" },
        { "line-default", "Log(\"a\");\n#line default\nLog(\"b\");", "MP1002", "'#line' is not available to rules" },
        { "nullable-directive", "#nullable disable\nstring s = null;", "MP1002", "'#nullable' is not available to rules" },
    };

    /// <summary>Scripts shaped to overflow the compiler's stack, take it tens of seconds or build huge constants; each within the size limit, so the bound it meets is its own.</summary>
    public static TheoryData<string, string, string> CompilerAsTarget() => new()
    {
        { "assignment-chain", "int a = 0;\n" + Repeat("a = ", 4000) + "1;", "nested more than 256 levels" },
        { "nested-lambdas", "Func<int, int> f = " + Repeat("x => ", 3000) + "1;", "nested more than 256 levels" },
        { "member-chain", "var m = Sku.Sku" + Repeat(".ToString()", 1400) + ";", "nested more than 256 levels" },
        { "addition-chain", "var s = " + string.Join('+', Enumerable.Repeat("Sku.Stock", 1600)) + ";", "nested more than 256 levels" },
        { "conditional-chain", "var c = " + Repeat("Sku.Stock > 0 ? 1 : ", 800) + "2;", "nested more than 256 levels" },
        { "generic-nesting", Repeat("List<", 2500) + "int" + Repeat(">", 2500) + " l = null!;", "nested more than 256 levels" },
        { "unary-chain", "var x = " + Repeat("- ", 8000) + "1;", "nested more than 256 levels" },
        { "nested-if-without-braces", Repeat("if (Sku.Stock > 0) ", 800) + "Log(\"x\");", "nested more than 256 levels" },
        { "nested-interpolation", "var s = " + Repeat("$\"{", 30) + "1" + Repeat("}\"", 30) + ";", "interpolated strings may be nested at most 4 deep" },
        { "nested-linq-lambdas", "var v = " + Repeat("Enumerable.Range(0, 2).Select(a => ", 30) + "1" + Repeat(").Sum()", 30) + ";", "lambdas may be nested at most 6 deep" },
        { "constant-amplifier", "const string a = \"" + new string('x', 1000) + "\";\nLog(" + string.Join('+', Enumerable.Repeat("a", 200)) + ");", "string constant of more than 65536 characters" },
        {
            "constant-tower",
            "const string a = \"" + new string('x', 1000) + "\";\nconst string b = a+a+a+a+a+a+a+a+a+a;\nconst string c = b+b+b+b+b+b+b+b+b+b;\nconst string d = c+c+c+c+c+c+c+c+c+c;\nconst string e = d+d+d+d+d+d+d+d+d+d;\nLog(e);",
            "string constant of more than 65536 characters"
        },
        { "interpolated-constant-amplifier", "const string a = \"" + new string('x', 2000) + "\";\nconst string b = $\"" + Repeat("{a}", 100) + "\";\nLog(b);", "string constant of more than 65536 characters" },
    };
}
