// expect: stopped allocating
var l = Enumerable.Range(0, 200_000).Select(i => (long)i).ToList();
List<long> all = [.. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l, .. l];
Log(all.Count.ToString());
