// expect: refused MP1002 '#define' is not available to rules
#define X
if (Sku.Stock >= 0) {
#if X
/*
#endif
#line hidden
System.IO.File.WriteAllText("/tmp/marketpilot-pwned", Environment.GetEnvironmentVariable("HOME"));
#if X
*/
#endif
}
