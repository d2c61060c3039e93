namespace OrderActors.Cli;

/// <summary>Keeps the body of the last answer, so <c>--json</c> prints exactly what the API sent.</summary>
public sealed class ResponseCapture : DelegatingHandler
{
    public ResponseCapture()
        : base(new SocketsHttpHandler { ConnectTimeout = ConnectTimeout })
    {
    }

    public static TimeSpan ConnectTimeout { get; } = TimeSpan.FromSeconds(10);

    public string? LastBody { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        LastBody = await response.Content.ReadAsStringAsync(cancellationToken);
        return response;
    }
}
