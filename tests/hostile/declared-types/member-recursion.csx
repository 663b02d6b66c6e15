// expect: stopped call depth
class Walker
{
    public int Down(int n) => Down(n + 1);
}
Log(new Walker().Down(0).ToString());
