using System.Net;
using System.Text.Json;

namespace OrderActors.Client.Http;

/// <summary>Turns an error answer into an <see cref="OrderActorsApiException"/>, whatever its body (ProblemDetails, other JSON, text or nothing).</summary>
internal static class ProblemReader
{
    private const string TypePrefix = "https://orderactors.dev/problems/";

    public static async Task<OrderActorsApiException> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        return Parse(response.StatusCode, body, retryAfter);
    }

    internal static OrderActorsApiException Parse(HttpStatusCode status, string? body, TimeSpan? retryAfter = null)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return new OrderActorsApiException(status, null, null, null, null, retryAfter);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new OrderActorsApiException(status, null, null, Shorten(body), null, retryAfter);
            }

            var type = String(root, "type");
            var code = String(root, "code") ?? (type is not null && type.StartsWith(TypePrefix, StringComparison.Ordinal) ? type[TypePrefix.Length..] : null);
            return new OrderActorsApiException(status, code, String(root, "title"), String(root, "detail"), Errors(root), retryAfter);
        }
        catch (JsonException)
        {
            return new OrderActorsApiException(status, null, null, Shorten(body), null, retryAfter);
        }
    }

    private static Dictionary<string, string[]> Errors(JsonElement root)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (root.TryGetProperty("errors", out var element) && element.ValueKind == JsonValueKind.Object)
        {
            foreach (var field in element.EnumerateObject())
            {
                errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                    ? field.Value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText()).ToArray()
                    : [field.Value.ToString()];
            }
        }

        return errors;
    }

    private static string? String(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shorten(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 200 ? line : line[..200] + "…";
    }
}
