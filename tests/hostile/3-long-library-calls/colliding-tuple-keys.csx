// expect: stopped steps
// A tuple's hash combines its elements' hashes: pairs of colliding longs collide too, and one ToHashSet hashes them all.
var keys = new long[60_000];
for (var i = 0; i < keys.Length; i++) keys[i] = ((long)i << 32) | (uint)i;
var pairs = keys.Select(k => (k, 1)).ToArray();
Log(pairs.ToHashSet().Count.ToString());
