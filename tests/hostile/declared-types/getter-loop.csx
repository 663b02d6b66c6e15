// expect: stopped steps
class Spinner
{
    public long Forever { get { long n = 0; while (true) n++; } }
}
Log(new Spinner().Forever.ToString());
