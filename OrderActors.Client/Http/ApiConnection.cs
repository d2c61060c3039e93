using System.Net.Http.Json;

namespace OrderActors.Client.Http;

/// <summary>The one place that sends requests: JSON in and out, errors turned into <see cref="OrderActorsApiException"/>.</summary>
public sealed class ApiConnection(HttpClient http)
{
    public HttpClient Http { get; } = http;

    public async Task<T> GetAsync<T>(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        return await SendAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    public async Task<string> GetTextAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        return await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<T> PostAsync<T>(string path, object? body, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null) =>
        SendJsonAsync<T>(HttpMethod.Post, path, body, headers, cancellationToken);

    public Task<T> PutAsync<T>(string path, object? body, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null) =>
        SendJsonAsync<T>(HttpMethod.Put, path, body, headers, cancellationToken);

    public Task<T> PatchAsync<T>(string path, object? body, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? headers = null) =>
        SendJsonAsync<T>(HttpMethod.Patch, path, body, headers, cancellationToken);

    public async Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, path);
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
    }

    public async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var response = await Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        await EnsureSuccessAsync(response, cancellationToken).ConfigureAwait(false);
        if (response.Content.Headers.ContentLength == 0)
        {
            return default!;
        }

        var value = await response.Content.ReadFromJsonAsync<T>(ClientJson.Options, cancellationToken).ConfigureAwait(false);
        return value!;
    }

    public static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (!response.IsSuccessStatusCode)
        {
            throw await ProblemReader.ReadAsync(response, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<T> SendJsonAsync<T>(HttpMethod method, string path, object? body, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ClientJson.Options),
        };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await SendAsync<T>(request, cancellationToken).ConfigureAwait(false);
    }

    internal static string Escape(string segment) => Uri.EscapeDataString(segment);

    internal static string Query(string path, params (string Name, object? Value)[] parameters)
    {
        var present = parameters
            .Where(p => p.Value is not null && p.Value.ToString() is { Length: > 0 })
            .Select(p => $"{p.Name}={Uri.EscapeDataString(Format(p.Value!))}")
            .ToList();
        return present.Count == 0 ? path : $"{path}?{string.Join('&', present)}";
    }

    private static string Format(object value) => value switch
    {
        DateTimeOffset time => time.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        TimeSpan span => span.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString()!,
    };
}
