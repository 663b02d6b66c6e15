using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketpilot.Host.Diagnostics;

/// <summary>Writes a health report as JSON: the overall status and each check's status, description and data.</summary>
/// <remarks>Exceptions are left out on purpose: their messages can carry connection strings or paths.</remarks>
public static class HealthCheckResponseWriter
{
    /// <summary>Writes <paramref name="report"/> to the response.</summary>
    /// <param name="context">The request.</param>
    /// <param name="report">The report.</param>
    /// <returns>The write.</returns>
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(report);

        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(e => new
            {
                name = e.Key,
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                data = e.Value.Data.Count > 0 ? e.Value.Data : null,
            }),
        };
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, body, cancellationToken: context.RequestAborted);
    }
}
