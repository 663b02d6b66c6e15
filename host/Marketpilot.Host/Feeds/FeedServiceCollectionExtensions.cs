using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Feeds;

/// <summary>Registers and maps the offer feeds the host serves to feed-fetching marketplaces.</summary>
public static class FeedServiceCollectionExtensions
{
    /// <summary>Adds the feed route's services and <see cref="FeedOptions"/>, bound to <c>Marketpilot:Feeds</c>.</summary>
    public static IServiceCollection AddOfferFeeds(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptionsWithValidateOnStart<FeedOptions, FeedOptionsValidator>().Bind(configuration.GetSection(FeedOptions.SectionName));
        services.AddSingleton<ShopOffers>();
        services.TryAddSingleton<Alerts.OperatorAlert>();
        services.AddHostedService<Alerts.OperatorAlertSender>();
        services.TryAddSingleton<Catalog.StoredSkus>();
        services.AddSingleton<FeedEndpoint>();
        return services;
    }

    /// <summary>Maps <c>GET /feeds/{marketplace}/{shopId}.xml</c>, outside the API-key guarded <c>/api/v1</c>.</summary>
    public static WebApplication MapOfferFeeds(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/feeds/{marketplace}/{shopId}.xml", (HttpContext context, string marketplace, string shopId, string? token, FeedEndpoint feeds) =>
                feeds.ServeAsync(context, marketplace, shopId, token))
            .ExcludeFromDescription();
        return app;
    }
}
