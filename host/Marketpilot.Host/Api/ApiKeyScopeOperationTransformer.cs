using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Marketpilot.Host.Api;

/// <summary>
/// Writes each route's declared <see cref="ApiKeyScope"/> into the OpenAPI document as <c>x-api-key-scope</c>
/// (<c>shop</c> or <c>admin</c>), so clients, and the tests that enumerate the routes, see the decision.
/// A route that declares none gets no entry (and is admin only).
/// </summary>
public sealed class ApiKeyScopeOperationTransformer : IOpenApiOperationTransformer
{
    /// <summary>The OpenAPI extension that carries the scope.</summary>
    public const string Extension = "x-api-key-scope";

    /// <inheritdoc />
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiKeyScopeMetadata>().LastOrDefault() is { } declared)
        {
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[Extension] = new JsonNodeExtension(JsonValue.Create(declared.Scope == ApiKeyScope.Shop ? "shop" : "admin"));
        }

        return Task.CompletedTask;
    }
}
