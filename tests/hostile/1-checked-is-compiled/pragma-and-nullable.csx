// expect: refused MP1002 '#pragma' is not available to rules
#pragma warning disable CS8600
#nullable disable
string s = null;
Log(s);
