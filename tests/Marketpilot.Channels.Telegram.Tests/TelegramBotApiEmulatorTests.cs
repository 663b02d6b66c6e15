using System.Net.Http.Json;
using System.Net;
using System.Text.Json;
using Marketpilot.Channels.Telegram.Tests.Support;
using Marketpilot.Emulators.Telegram;

namespace Marketpilot.Channels.Telegram.Tests;

/// <summary>The emulator refuses what the real Bot API refuses, so the channel's tests prove something.</summary>
public sealed class TelegramBotApiEmulatorTests : IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private BotApiFixture _botApi = null!;

    public async Task InitializeAsync() => _botApi = await BotApiFixture.StartAsync();

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _botApi.DisposeAsync();
    }

    private async Task<(HttpStatusCode Status, JsonElement Answer)> SendMessageAsync(object body, string token = Some.BotToken)
    {
        using var response = await _http.PostAsJsonAsync(new Uri(_botApi.Emulator.BaseAddress, $"./bot{token}/sendMessage"), body);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>());
    }

    [Theory]
    [InlineData("Price fell to 10.5", '.')]
    [InlineData("A-1 is low", '-')]
    [InlineData("(reorder)", '(')]
    [InlineData("50% off!", '!')]
    public async Task AnUnescapedReservedCharacterCannotBeParsed(string text, char reserved)
    {
        var (status, answer) = await SendMessageAsync(new { chat_id = long.Parse(Some.ManagerChat, System.Globalization.CultureInfo.InvariantCulture), text, parse_mode = "MarkdownV2" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.False(answer.GetProperty("ok").GetBoolean());
        Assert.Equal($"Bad Request: can't parse entities: Character '{reserved}' is reserved and must be escaped with the preceding '\\'", answer.GetProperty("description").GetString());
        Assert.Empty(_botApi.Emulator.Messages);
    }

    [Fact]
    public async Task AnEntityLeftOpenCannotBeParsed()
    {
        var (status, answer) = await SendMessageAsync(new { chat_id = Some.ManagerChat, text = "*bold without end", parse_mode = "MarkdownV2" });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Bad Request: can't parse entities: Can't find end of Bold entity at byte offset 0", answer.GetProperty("description").GetString());
    }

    [Fact]
    public async Task EscapedTextIsShownWithoutItsBackslashes()
    {
        var (status, answer) = await SendMessageAsync(new { chat_id = Some.ManagerChat, text = "*A\\-1* fell to 10\\.5 \\(\\-3%\\)", parse_mode = "MarkdownV2" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("A-1 fell to 10.5 (-3%)", answer.GetProperty("result").GetProperty("text").GetString());
    }

    [Fact]
    public async Task TooLongATextIsRefused()
    {
        var (status, answer) = await SendMessageAsync(new { chat_id = Some.ManagerChat, text = new string('a', TelegramBotApiEmulator.MaxTextLength + 1) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("Bad Request: message is too long", answer.GetProperty("description").GetString());
    }

    [Fact]
    public async Task AWrongTokenIsUnauthorized()
    {
        var (status, answer) = await SendMessageAsync(new { chat_id = Some.ManagerChat, text = "hi" }, token: "1:wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(401, answer.GetProperty("error_code").GetInt32());
    }

    [Fact]
    public async Task FloodControlAnswersWithRetryAfterInTheParameters()
    {
        _botApi.Emulator.TooManyRequestsNext(retryAfterSeconds: 7);

        var (status, answer) = await SendMessageAsync(new { chat_id = Some.ManagerChat, text = "hi" });

        Assert.Equal(HttpStatusCode.TooManyRequests, status);
        Assert.Equal(7, answer.GetProperty("parameters").GetProperty("retry_after").GetInt32());
    }
}
