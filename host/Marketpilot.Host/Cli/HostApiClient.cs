using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketpilot.Host.Hosting;

namespace Marketpilot.Host.Cli;

/// <summary>Calls a running host's API for a CLI verb and turns what went wrong into one clear message.</summary>
/// <param name="connection">Where the host is and its key.</param>
public sealed class HostApiClient(HostConnection connection) : IDisposable
{
    private readonly HttpClient _client = Create(connection);

    /// <summary>Sends a <c>PUT</c> with a JSON body.</summary>
    /// <param name="path">The route, e.g. <c>/api/v1/rules/min-margin/mode</c>.</param>
    /// <param name="body">The body, serialized as JSON.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer's JSON when the host accepted the request; otherwise the exit code (<see cref="ExitCodes.BadInput"/> for a 400) and the message to print.</returns>
    public Task<(JsonElement? Answer, int ExitCode, string? Error)> PutAsync<T>(string path, T body, CancellationToken cancellationToken) =>
        SendAsync(() => _client.PutAsJsonAsync(path, body, cancellationToken), cancellationToken);

    /// <summary>Sends a <c>GET</c>.</summary>
    /// <param name="path">The route with its query, e.g. <c>/api/v1/rules/min-margin/report?from=2026-11-01</c>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answer's JSON when the host answered with success; otherwise the exit code (<see cref="ExitCodes.BadInput"/> for a 400) and the message to print.</returns>
    public Task<(JsonElement? Answer, int ExitCode, string? Error)> GetAsync(string path, CancellationToken cancellationToken) =>
        SendAsync(() => _client.GetAsync(path, cancellationToken), cancellationToken);

    private async Task<(JsonElement? Answer, int ExitCode, string? Error)> SendAsync(Func<Task<HttpResponseMessage>> send, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await send();
        }
        catch (HttpRequestException ex)
        {
            return (null, ExitCodes.HostUnreachable, $"no Marketpilot host answers at {connection.BaseAddress} ({ex.Message}). Start it with `marketpilot`, or pass --url (or {HostConnection.UrlVariable}) where it listens.");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, ExitCodes.HostUnreachable, $"the host at {connection.BaseAddress} did not answer within {_client.Timeout.TotalSeconds:0} s");
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            JsonElement? json = null;
            try
            {
                json = text.Length > 0 ? JsonDocument.Parse(text).RootElement.Clone() : null;
            }
            catch (JsonException)
            {
            }

            // 400: the host found a value the verb sent from its arguments invalid, a bad argument like any other.
            var refused = response.StatusCode == HttpStatusCode.BadRequest ? ExitCodes.BadInput : ExitCodes.HostRefused;
            return response.IsSuccessStatusCode
                ? (json, ExitCodes.Success, null)
                : (null, refused, $"the host answered {(int)response.StatusCode} {response.ReasonPhrase}: {Problem(json, text)}");
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _client.Dispose();

    private static HttpClient Create(HostConnection connection)
    {
        var client = new HttpClient { BaseAddress = connection.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        // Not validated here: a key the host cannot accept is answered 401, which is printed like any refusal.
        client.DefaultRequestHeaders.TryAddWithoutValidation(ApiOptions.KeyHeader, connection.ApiKey);
        return client;
    }

    // A problem's title and detail, and for a validation problem each field with its messages.
    private static string Problem(JsonElement? json, string text)
    {
        if (json is not { ValueKind: JsonValueKind.Object } problem)
        {
            return text.Length > 0 ? text : "(no details)";
        }

        var message = new StringBuilder(problem.TryGetProperty("title", out var title) ? title.GetString() : "error");
        if (problem.TryGetProperty("detail", out var detail) && detail.GetString() is { Length: > 0 } said)
        {
            message.Append(": ").Append(said);
        }

        if (problem.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in errors.EnumerateObject())
            {
                message.AppendLine().Append("  ").Append(field.Name).Append(": ")
                    .AppendJoin("; ", field.Value.EnumerateArray().Select(e => e.GetString()));
            }
        }

        return message.ToString();
    }
}
