using Microsoft.AspNetCore.Http;

namespace OrderActors.Api.Webhooks;

/// <summary>Reads a request body as bytes, refusing more than a limit (so a signature can be checked over the exact bytes sent).</summary>
internal static class RawBody
{
    /// <summary>The body, or null when it is larger than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        if (request.ContentLength is { } length)
        {
            // The usual case (webhook senders declare the length): one exact buffer, no growing copy. The server ends the
            // body stream at the declared length and fails the request if fewer bytes arrive.
            var exact = new byte[length];
            var filled = await request.Body.ReadAtLeastAsync(exact, exact.Length, throwOnEndOfStream: false, cancellationToken);
            return filled == exact.Length ? exact : exact[..filled];
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
