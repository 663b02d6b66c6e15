namespace Marketpilot.Host.WebConsole;

/// <summary>
/// The console's texts: the English text is the key, <c>ConsoleText.ru.resx</c> holds the Russian. Pages read them
/// through <c>IStringLocalizer&lt;ConsoleText&gt;</c> in the request's culture (cookie, then the browser's languages).
/// </summary>
public sealed class ConsoleText;
