using System.Text.RegularExpressions;
using Marketpilot.Channels.Shared;
using Microsoft.Extensions.Configuration;

namespace Marketpilot.Channels.Telegram;

/// <summary>The bot and the chats of each recipient role. Bound to <c>Marketpilot:Plugins:telegram</c>.</summary>
public sealed partial class TelegramOptions : HttpChannelOptions
{
    internal const string SectionPath = "Marketpilot:Plugins:telegram";

    /// <summary>The bot's token from @BotFather (<c>123456789:AA…</c>). Required; never logged, masked in every reason.</summary>
    public string BotToken { get; set; } = "";

    /// <summary>The Bot API's address; tests and proxies point it elsewhere.</summary>
    /// <value>The default is <c>https://api.telegram.org/</c>.</value>
    public Uri BaseUrl { get; set; } = new("https://api.telegram.org/");

    /// <summary>
    /// The chats of each recipient role: a numeric chat id (a user, or a group's negative id such as <c>-1001234567890</c>)
    /// or a public channel's <c>@username</c>. <c>Chats:manager:0=123456789</c>, or several separated by commas.
    /// A role with no chat is skipped, so another channel may serve it.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> Chats { get; set; } =
        new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);

    /// <summary>How many messages a notification longer than Telegram's 4096 characters may be split into; the last one is cut with a marker.</summary>
    /// <value>The default is 4; from 1 to 20.</value>
    public int MaxParts { get; set; } = 4;

    /// <summary>Throws when a value is not valid, naming its configuration key. Never echoes the token.</summary>
    /// <exception cref="ArgumentException">A value is not valid.</exception>
    public void Validate() => Validate(new ChannelSettings(null, SectionPath));

    internal static TelegramOptions FromConfiguration(IConfiguration section)
    {
        var settings = new ChannelSettings(section, SectionPath);
        var options = new TelegramOptions
        {
            BotToken = settings.Text(nameof(BotToken)) ?? "",
            Chats = settings.Roles(nameof(Chats)),
        };
        if (settings.Text(nameof(BaseUrl)) is { } baseUrl)
        {
            options.BaseUrl = Uri.TryCreate(baseUrl, UriKind.Absolute, out var uri) ? uri : throw settings.Error(nameof(BaseUrl), "must be an absolute http or https URL");
        }

        options.ReadRetry(settings);
        options.MaxParts = settings.Int(nameof(MaxParts), options.MaxParts);
        options.Validate(settings);
        return options;
    }

    private void Validate(ChannelSettings settings)
    {
        settings.Check(!string.IsNullOrEmpty(BotToken), nameof(BotToken), "is required: ask @BotFather for the bot's token");
        settings.Check(TokenShape().IsMatch(BotToken), nameof(BotToken), "is not a bot token (digits, a colon, then letters, digits, '_' and '-')");
        settings.Check(BaseUrl.IsAbsoluteUri && (BaseUrl.Scheme == Uri.UriSchemeHttps || BaseUrl.Scheme == Uri.UriSchemeHttp), nameof(BaseUrl), "must be an absolute http or https URL");
        settings.Check(Chats.Values.Any(c => c.Count > 0), nameof(Chats), "must name at least one chat for a role, for example Chats:manager:0=123456789");
        foreach (var (role, chats) in Chats)
        {
            for (var i = 0; i < chats.Count; i++)
            {
                settings.Check(ChatShape().IsMatch(chats[i]), $"{nameof(Chats)}:{role}:{i}", $"has the value '{chats[i]}', which is neither a numeric chat id nor a channel's @username");
            }
        }

        CheckRetry(settings);
        settings.Check(MaxParts is >= 1 and <= 20, nameof(MaxParts), "must be from 1 to 20");
    }

    [GeneratedRegex("^[0-9]{1,20}:[A-Za-z0-9_-]{20,}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^(-?[0-9]{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$")]
    private static partial Regex ChatShape();
}
