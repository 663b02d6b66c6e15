// expect: refused MP1002 a static table may hold only
record Band(decimal From) { public virtual int Touch() => 0; }
record Counting(decimal From) : Band(From) { private readonly List<string> _seen = new(); public override int Touch() { _seen.Add("x"); return _seen.Count; } }
static readonly Band[] Bands = { new Counting(1m) };
Log(Bands[0].Touch().ToString());
