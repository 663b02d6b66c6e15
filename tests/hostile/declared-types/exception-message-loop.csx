// expect: stopped steps
// The host reads a failed rule's exception message to describe the failure; a rule's own exception type makes that rule code.
class Boom : Exception
{
    public override string Message { get { var n = 0; while (true) n++; } }
}

throw new Boom();
