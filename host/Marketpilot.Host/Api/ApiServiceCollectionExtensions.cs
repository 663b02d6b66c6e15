using System.Text.Json.Serialization;
using Marketpilot.Host.Diagnostics;
using Marketpilot.Host.Hosting;
using Marketpilot.Host.Rules;
using Marketpilot.Sdk.Serialization;
using Microsoft.Extensions.Options;

namespace Marketpilot.Host.Api;

/// <summary>Registers and maps the HTTP API: <c>/health</c>, the OpenAPI document and the key-protected <c>/api/v1</c> routes.</summary>
public static class ApiServiceCollectionExtensions
{
    /// <summary>Adds the API's services, bound to <c>Marketpilot:Api</c>.</summary>
    public static IServiceCollection AddMarketpilotApi(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<ApiOptions>().Bind(configuration.GetSection(ApiOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddSingleton<ApiKeyStore>();
        services.AddOptionsWithValidateOnStart<FailedKeyLimitOptions, FailedKeyLimitOptionsValidator>().Bind(configuration.GetSection(FailedKeyLimitOptions.SectionName));
        services.AddSingleton<ApiKeyGate>();
        services.AddScoped<ShopAccess>();
        services.AddSingleton<RuleStatusReader>();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadHttpRequestExceptionHandler>();
        services.AddMarketpilotHealthChecks();
        services.AddMarketpilotTelemetry(configuration);
        services.AddOpenApi(openApi => openApi.AddOperationTransformer<ApiKeyScopeOperationTransformer>());
        services.ConfigureHttpJsonOptions(json =>
        {
            var conventions = MarketpilotJson.Options;
            json.SerializerOptions.PropertyNamingPolicy = conventions.PropertyNamingPolicy;
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter(conventions.PropertyNamingPolicy, allowIntegerValues: false));
        });
        return services;
    }

    /// <summary>Maps <c>GET /health</c>, <c>GET /openapi/v1.json</c> and the <c>/api/v1</c> routes, which need an API key.</summary>
    public static WebApplication MapMarketpilotApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Resolve now so a generated key is printed at start-up, not at the first request.
        app.Services.GetRequiredService<ApiKeyStore>();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapMarketpilotHealthChecks();
        app.MapMarketpilotMetrics();
        app.MapOpenApi();

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiKeyEndpointFilter>();
        api.MapSkuApi();
        api.MapCampaignApi();
        api.MapEventApi();
        api.MapActionApi();
        api.MapRuleApi();
        api.MapRuleModeApi();
        api.MapRuleSettingsApi();
        api.MapRuleReportApi();
        api.MapGuardrailApi();
        api.MapAutomationApi();
        api.MapUndoApi();
        api.MapPluginApi();
        api.MapShopApi();
        return app;
    }
}
