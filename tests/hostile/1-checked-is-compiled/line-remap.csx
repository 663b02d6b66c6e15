// expect: refused MP1002 '#line' is not available to rules
Log("a");
#line 1 "lib/innocent.csx"
System.IO.File.Delete("/tmp/marketpilot-victim");
