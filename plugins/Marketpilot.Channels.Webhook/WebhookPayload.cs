using System.Text.Json;
using Marketpilot.Sdk.Connectors;

namespace Marketpilot.Channels.Webhook;

/// <summary>The JSON body of a webhook request.</summary>
/// <remarks>
/// Written by hand so the field names and order are part of this file, not of a serializer's settings:
/// <c>{"id","sku":{"marketplace","shopId","sku"},"recipient","message","rule","timestamp"}</c>.
/// </remarks>
internal static class WebhookPayload
{
    public static byte[] Serialize(Notification notification, DateTimeOffset timestamp)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("id", notification.IdempotencyKey);
            json.WriteStartObject("sku");
            json.WriteString("marketplace", notification.Sku.Marketplace);
            json.WriteString("shopId", notification.Sku.ShopId);
            json.WriteString("sku", notification.Sku.Sku);
            json.WriteEndObject();
            json.WriteString("recipient", notification.Recipient);
            json.WriteString("message", notification.Message);
            if (notification.RuleId is null)
            {
                json.WriteNull("rule");
            }
            else
            {
                json.WriteString("rule", notification.RuleId);
            }

            json.WriteString("timestamp", timestamp.ToUniversalTime());
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
