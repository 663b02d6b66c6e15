using System.Net;
using System.Net.Http.Headers;
using Marketpilot.Connectors.Wildberries.Http;

namespace Marketpilot.Connectors.Wildberries.Tests;

public sealed class WildberriesRetryDelayTests
{
    [Fact]
    public void A429WaitsForRetryAfterFirstAndWildberriesOwnHeaderOtherwise()
    {
        using var standard = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        standard.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(7));
        standard.Headers.TryAddWithoutValidation("X-Ratelimit-Retry", "3");
        using var wildberries = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        wildberries.Headers.TryAddWithoutValidation("X-Ratelimit-Retry", "3");
        using var bare = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var serverError = new HttpResponseMessage(HttpStatusCode.InternalServerError);
        serverError.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(9));

        Assert.Equal(TimeSpan.FromSeconds(7), WildberriesResilience.AskedDelay(standard));
        Assert.Equal(TimeSpan.FromSeconds(3), WildberriesResilience.AskedDelay(wildberries));
        Assert.Null(WildberriesResilience.AskedDelay(bare));
        Assert.Null(WildberriesResilience.AskedDelay(serverError));
    }
}
