namespace Marketpilot.Host.Api;

/// <summary>The items of a request body, or what is wrong with them: never both.</summary>
/// <param name="Items">Every item, when all are valid; empty otherwise.</param>
/// <param name="Errors">Messages by <c>[index].field</c>; <see langword="null"/> when all items are valid.</param>
public sealed record JsonBatch<T>(IReadOnlyList<T> Items, IDictionary<string, string[]>? Errors)
{
    /// <summary>A batch that is wrong as a whole.</summary>
    public static JsonBatch<T> Invalid(string key, string message) => new([], new Dictionary<string, string[]> { [key] = [message] });
}
