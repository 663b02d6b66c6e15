namespace Marketpilot.Host.Api;

/// <summary>Declares which API keys may call a route (<see cref="ApiKeyScope"/>).</summary>
public static class ApiKeyScopeEndpointConventionBuilderExtensions
{
    /// <summary>Marks a per-shop route: scoped keys may call it, and the route itself hides other shops through <see cref="ShopAccess"/>.</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The route.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder PerShop<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiKeyScopeMetadata(ApiKeyScope.Shop));

    /// <summary>Marks a route about the whole host: only admin keys may call it.</summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">The route.</param>
    /// <returns>The same builder.</returns>
    public static TBuilder AdminOnly<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(new ApiKeyScopeMetadata(ApiKeyScope.Admin));
}
