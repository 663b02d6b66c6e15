namespace Marketpilot.Scripting;

/// <summary>One compiled version of one rule script.</summary>
/// <param name="Id">The rule's id: its file name without <c>.csx</c>.</param>
/// <param name="Version">The content hash of the script (hex, first 12 characters of SHA-256).</param>
/// <param name="Path">The script's path as it was loaded.</param>
public sealed record RuleDescriptor(string Id, string Version, string Path);
