// expect: refused MP1002 code switched off by '#if' is not available in rules
#define CHECKED
if (Sku.Stock >= 0)
{
#if CHECKED
    Log("checked");
#else
    Span<byte> bytes = stackalloc byte[1 << 20];
    lock (Sku) { Log(Environment.GetEnvironmentVariable("HOME") ?? ""); }
#endif
}
