namespace Marketpilot.Host.Api;

/// <summary>The endpoint metadata that carries a route's <see cref="ApiKeyScope"/>.</summary>
/// <param name="Scope">Who may call the route.</param>
public sealed record ApiKeyScopeMetadata(ApiKeyScope Scope)
{
    /// <summary>The scope of a route that declares none: admin only, so a route added without a decision leaks nothing.</summary>
    public static readonly ApiKeyScopeMetadata Undeclared = new(ApiKeyScope.Admin);
}
