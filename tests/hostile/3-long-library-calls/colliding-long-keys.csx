// expect: stopped steps
// Every long (i << 32) | i hashes to 0: one ToHashSet compares each key with every other inside the library, for seconds.
var keys = new long[60_000];
for (var i = 0; i < keys.Length; i++) keys[i] = ((long)i << 32) | (uint)i;
Log(keys.ToHashSet().Count.ToString());
