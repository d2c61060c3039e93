using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary>
/// <c>POST /webhooks/{channel}</c>: sends a channel's order payload signed the way that channel signs
/// (Shopify: base64 HMAC-SHA256 in <c>X-Shopify-Hmac-Sha256</c>; others: <c>X-OrderActors-Signature: sha256={hex}</c>),
/// so it goes through the channel's mapping, validation and dedup exactly like a delivery from the platform.
/// </summary>
public sealed class WebhooksClient(ApiConnection connection)
{
    public const string SignatureHeader = "X-OrderActors-Signature";
    public const string DeliveryHeader = "X-OrderActors-Delivery";
    public const string ShopifySignatureHeader = "X-Shopify-Hmac-Sha256";
    public const string ShopifyDeliveryHeader = "X-Shopify-Webhook-Id";

    /// <summary>Posts <paramref name="body"/> (raw JSON bytes, signed as they are sent) with an optional delivery id for dedup.</summary>
    public async Task<WebhookAccepted> PostOrderAsync(string channel, byte[] body, string secret, string? deliveryId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var shopify = string.Equals(channel, "shopify", StringComparison.Ordinal);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{ApiConnection.Escape(channel)}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation(shopify ? ShopifySignatureHeader : SignatureHeader, Sign(body, secret, shopify));
        if (deliveryId is not null)
        {
            request.Headers.TryAddWithoutValidation(shopify ? ShopifyDeliveryHeader : DeliveryHeader, deliveryId);
        }

        return await connection.SendAsync<WebhookAccepted>(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The signature header value for <paramref name="body"/>.</summary>
    public static string Sign(byte[] body, string secret, bool shopify)
    {
        var hash = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return shopify ? Convert.ToBase64String(hash) : "sha256=" + Convert.ToHexStringLower(hash);
    }
}
