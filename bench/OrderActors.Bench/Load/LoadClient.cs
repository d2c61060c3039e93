using System.Net.Http.Headers;
using System.Text.Json;

namespace OrderActors.Bench.Load;

/// <summary>
/// The generator's HTTP client: one pooled connection per concurrent request, pre-built JSON bodies, the admin key on
/// every request. A transport failure (server down) is status -1, never an exception.
/// </summary>
public sealed class LoadClient : IDisposable
{
    public const int TransportError = -1;

    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private readonly HttpClient _http;
    private readonly string? _apiKey;

    public LoadClient(Uri baseAddress, int connections, string? apiKey = ServerLauncher.AdminKey)
    {
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(1, connections),
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
        };
        _http = new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _apiKey = apiKey;
    }

    public Uri BaseAddress => _http.BaseAddress!;

    public async Task<int> PostAsync(string path, byte[] body, IReadOnlyList<(string Name, string Value)>? headers = null, CancellationToken cancellationToken = default)
    {
        var (status, _) = await SendAsync(HttpMethod.Post, path, body, headers, readBody: false, anonymous: false, cancellationToken);
        return status;
    }

    /// <summary>POSTs <paramref name="body"/> and reads the answer's body; with <paramref name="anonymous"/> without the API key, as a marketplace sends its webhooks.</summary>
    public Task<(int Status, byte[]? Body)> PostForBodyAsync(string path, byte[] body, IReadOnlyList<(string Name, string Value)>? headers = null, bool anonymous = false, CancellationToken cancellationToken = default) =>
        SendAsync(HttpMethod.Post, path, body, headers, readBody: true, anonymous, cancellationToken);

    public async Task<int> GetStatusAsync(string path, CancellationToken cancellationToken = default)
    {
        var (status, _) = await SendAsync(HttpMethod.Get, path, null, null, readBody: false, anonymous: false, cancellationToken);
        return status;
    }

    public async Task<(int Status, JsonElement Body)> GetJsonAsync(string path, CancellationToken cancellationToken = default)
    {
        var (status, body) = await SendAsync(HttpMethod.Get, path, null, null, readBody: true, anonymous: false, cancellationToken);
        if (body is null || body.Length == 0)
        {
            return (status, default);
        }

        using var document = JsonDocument.Parse(body);
        return (status, document.RootElement.Clone());
    }

    public void Dispose() => _http.Dispose();

    private async Task<(int, byte[]?)> SendAsync(HttpMethod method, string path, byte[]? body, IReadOnlyList<(string Name, string Value)>? headers, bool readBody, bool anonymous, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path);
        if (_apiKey is not null && !anonymous)
        {
            request.Headers.TryAddWithoutValidation("X-Api-Key", _apiKey);
        }

        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            request.Content.Headers.ContentType = Json;
        }

        if (headers is not null)
        {
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }
        }

        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var bytes = readBody ? await response.Content.ReadAsByteArrayAsync(cancellationToken) : null;
            return ((int)response.StatusCode, bytes);
        }
        catch (HttpRequestException)
        {
            return (TransportError, null);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (TransportError, null);
        }
    }
}
