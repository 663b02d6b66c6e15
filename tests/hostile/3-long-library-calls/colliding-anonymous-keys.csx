// expect: stopped steps
// An anonymous type's hash is its members' hashes combined without a seed: keys that collide still collide inside GroupBy.
var keys = new long[60_000];
for (var i = 0; i < keys.Length; i++) keys[i] = ((long)i << 32) | (uint)i;
Log(keys.GroupBy(k => new { Key = k, Shop = 1 }).Count().ToString());
