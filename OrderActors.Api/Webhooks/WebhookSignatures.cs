using System.Security.Cryptography;
using System.Text;

namespace OrderActors.Api.Webhooks;

/// <summary>
/// HMAC-SHA256 signatures over the raw body: Shopify style (base64 in <c>X-Shopify-Hmac-Sha256</c>) and ours
/// (<c>X-OrderActors-Signature: sha256={hex}</c>, also used to sign outbound deliveries). Compared in constant time.
/// </summary>
public static class WebhookSignatures
{
    public const string ShopifyHeader = "X-Shopify-Hmac-Sha256";
    public const string ShopifyWebhookIdHeader = "X-Shopify-Webhook-Id";
    public const string ShopifyTopicHeader = "X-Shopify-Topic";
    public const string Header = "X-OrderActors-Signature";
    public const string DeliveryHeader = "X-OrderActors-Delivery";
    public const string EventHeader = "X-OrderActors-Event";

    private const string HexPrefix = "sha256=";

    public static byte[] Compute(ReadOnlySpan<byte> body, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);

    public static string SignHex(ReadOnlySpan<byte> body, string secret) => HexPrefix + Convert.ToHexStringLower(Compute(body, secret));

    public static string SignBase64(ReadOnlySpan<byte> body, string secret) => Convert.ToBase64String(Compute(body, secret));

    /// <summary>True when <paramref name="header"/> is the base64 HMAC of <paramref name="body"/>.</summary>
    public static bool VerifyBase64(ReadOnlySpan<byte> body, string secret, string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || header.Length > 128)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[64];
        if (!Convert.TryFromBase64String(header.Trim(), presented, out var written))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented[..written], Compute(body, secret));
    }

    /// <summary>True when <paramref name="header"/> is <c>sha256=</c> and the hex HMAC of <paramref name="body"/>.</summary>
    public static bool VerifyHex(ReadOnlySpan<byte> body, string secret, string? header)
    {
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith(HexPrefix, StringComparison.OrdinalIgnoreCase) || header.Length != HexPrefix.Length + 64)
        {
            return false;
        }

        byte[] presented;
        try
        {
            presented = Convert.FromHexString(header.AsSpan(HexPrefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(presented, Compute(body, secret));
    }
}
