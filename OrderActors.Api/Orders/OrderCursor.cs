using System.Text;
using OrderActors.Api.Errors;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Orders;

/// <summary>
/// The keyset cursor of every order list (<c>/api/orders</c>, <c>/api/exceptions</c>): the last order id of a page,
/// base64url. Lists ordered by order id can page with it; a text this API did not give is a 400 naming <c>cursor</c>.
/// </summary>
public static class OrderCursor
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The cursor of the page after <paramref name="rows"/>, or null when the page was not full (the list ended).</summary>
    public static string? Next(IReadOnlyList<IndexedGrain> rows, int limit)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return rows.Count == limit ? Encode(rows[^1].GrainKey) : null;
    }

    public static string Encode(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The order id <paramref name="cursor"/> stands for (null for none); a cursor this API did not give adds a field error.</summary>
    public static string? Decode(string? cursor, Validator validator) =>
        // A cursor is the last order id of a page: "{channel}-{order no}". Any other text (a cursor typed by hand,
        // cut short) used to answer an empty page, as if the list had ended.
        Decode(cursor, validator, IsOrderId);

    /// <summary>
    /// The key <paramref name="cursor"/> stands for (null for none), when <paramref name="isKey"/> says it is a key of
    /// the list's kind; anything else adds a field error naming <c>cursor</c>.
    /// </summary>
    public static string? Decode(string? cursor, Validator validator, Func<string, bool> isKey)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(isKey);
        if (string.IsNullOrEmpty(cursor))
        {
            return null;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            validator.Add("cursor", "is not a cursor returned by this API");
            return null;
        }

        try
        {
            var key = StrictUtf8.GetString(bytes, 0, written);
            if (isKey(key))
            {
                return key;
            }
        }
        catch (DecoderFallbackException)
        {
        }

        validator.Add("cursor", "is not a cursor returned by this API");
        return null;
    }

    private static bool IsOrderId(string key)
    {
        var dash = key.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && dash < key.Length - 1 && key[..dash].All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '_' or '.') && !key.Any(char.IsWhiteSpace);
    }
}
