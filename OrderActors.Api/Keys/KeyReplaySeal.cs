using System.Security.Cryptography;
using System.Text;

namespace OrderActors.Api.Keys;

/// <summary>
/// The plain key of a created API key, as the <c>Idempotency-Key</c> record keeps it for a replay: sealed (AES-GCM) with a
/// key derived from the caller's <c>Idempotency-Key</c>, which is itself never stored (the record is filed under its
/// SHA-256, <see cref="RecordKey"/>). So a retry that presents the same header opens it and answers the key again, and
/// the database alone (a backup, a copy) gives no usable API key: its table keeps only hashes, and this record only
/// what the retry's header opens.
/// </summary>
internal static class KeyReplaySeal
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    /// <summary>What the idempotency record is filed under: the header's SHA-256, never the header.</summary>
    public static string RecordKey(string idempotencyKey) =>
        "sha256-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)));

    public static string Seal(string plainKey, string idempotencyKey)
    {
        var plain = Encoding.UTF8.GetBytes(plainKey);
        var sealedBytes = new byte[NonceSize + plain.Length + TagSize];
        var nonce = sealedBytes.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(KeyFor(idempotencyKey), TagSize);
        aes.Encrypt(nonce, plain, sealedBytes.AsSpan(NonceSize, plain.Length), sealedBytes.AsSpan(NonceSize + plain.Length, TagSize));
        return Convert.ToBase64String(sealedBytes);
    }

    public static string Open(string sealedKey, string idempotencyKey)
    {
        var sealedBytes = Convert.FromBase64String(sealedKey);
        var length = sealedBytes.Length - NonceSize - TagSize;
        var plain = new byte[length];
        using var aes = new AesGcm(KeyFor(idempotencyKey), TagSize);
        aes.Decrypt(sealedBytes.AsSpan(0, NonceSize), sealedBytes.AsSpan(NonceSize, length), sealedBytes.AsSpan(NonceSize + length, TagSize), plain);
        return Encoding.UTF8.GetString(plain);
    }

    // A different derivation from RecordKey's, so the record's name does not open its content.
    private static byte[] KeyFor(string idempotencyKey) =>
        SHA256.HashData(Encoding.UTF8.GetBytes("orderactors.api-key-replay\n" + idempotencyKey));
}
