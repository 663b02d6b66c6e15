namespace Marketpilot.Scripting.Runtime;

/// <summary>Thrown into a rule when it spends one of its budgets; rules cannot name or catch it.</summary>
internal sealed class RuleBudgetExceededException : Exception
{
    public RuleBudgetExceededException(string message)
        : base(message)
    {
    }

    public RuleBudgetExceededException()
    {
    }

    public RuleBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
