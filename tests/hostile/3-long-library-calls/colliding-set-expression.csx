// expect: stopped steps
// A collection expression fills a HashSet with the library's Add and comparer, all in one expression.
var keys = new long[60_000];
for (var i = 0; i < keys.Length; i++) keys[i] = ((long)i << 32) | (uint)i;
HashSet<long> set = [.. keys];
Log(set.Count.ToString());
