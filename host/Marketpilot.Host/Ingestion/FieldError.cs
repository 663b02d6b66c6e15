namespace Marketpilot.Host.Ingestion;

/// <summary>One thing wrong with one field of one submitted item.</summary>
/// <param name="Field">The camelCase field name, or empty when the item as a whole is wrong.</param>
/// <param name="Message">What is wrong, in words a seller understands.</param>
public sealed record FieldError(string Field, string Message);
