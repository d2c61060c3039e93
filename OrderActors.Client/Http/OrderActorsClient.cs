namespace OrderActors.Client.Http;

/// <summary>
/// The typed client for the whole OrderActors API, one property per resource:
/// <code>using var api = new OrderActorsClient(new Uri("http://localhost:5000"), apiKey);
/// var order = await api.Orders.GetAsync("own-1001");</code>
/// Errors arrive as <see cref="OrderActorsApiException"/>; a service that cannot be reached as <see cref="HttpRequestException"/>.
/// </summary>
public sealed class OrderActorsClient : IDisposable
{
    public const string ApiKeyHeader = "X-Api-Key";

    private readonly HttpClient? _owned;

    /// <summary>A client that owns its <see cref="HttpClient"/> and sends <paramref name="apiKey"/> on every request.</summary>
    public OrderActorsClient(Uri baseAddress, string? apiKey)
        : this(CreateHttpClient(baseAddress, apiKey, null))
    {
        _owned = Connection.Http;
    }

    /// <summary>A client over a caller-configured <see cref="HttpClient"/> (base address and <c>X-Api-Key</c> set by the caller).</summary>
    public OrderActorsClient(HttpClient http)
    {
        ArgumentNullException.ThrowIfNull(http);
        Connection = new ApiConnection(http);
        Orders = new OrdersClient(Connection);
        Stock = new StockClient(Connection);
        Customers = new CustomersClient(Connection);
        Keys = new KeysClient(Connection);
        Rules = new RulesClient(Connection);
        Exceptions = new ExceptionsClient(Connection);
        Reports = new ReportsClient(Connection);
        Subscriptions = new SubscriptionsClient(Connection);
        Admin = new AdminClient(Connection);
        Webhooks = new WebhooksClient(Connection);
        Channels = new ChannelsClient(Connection);
        Events = new EventsClient(Connection);
        Health = new HealthClient(Connection);
    }

    public ApiConnection Connection { get; }

    public OrdersClient Orders { get; }

    public StockClient Stock { get; }

    public CustomersClient Customers { get; }

    public KeysClient Keys { get; }

    public RulesClient Rules { get; }

    public ExceptionsClient Exceptions { get; }

    public ReportsClient Reports { get; }

    public SubscriptionsClient Subscriptions { get; }

    public AdminClient Admin { get; }

    public WebhooksClient Webhooks { get; }

    public ChannelsClient Channels { get; }

    public EventsClient Events { get; }

    public HealthClient Health { get; }

    /// <summary>An <see cref="HttpClient"/> set up for the API; <paramref name="handler"/> lets a caller add its own pipeline.</summary>
    public static HttpClient CreateHttpClient(Uri baseAddress, string? apiKey, HttpMessageHandler? handler)
    {
        ArgumentNullException.ThrowIfNull(baseAddress);
        var prefix = baseAddress.AbsolutePath.TrimEnd('/');
        if (prefix.Length > 0)
        {
            // Behind a reverse proxy at http://host/orderactors/: the paths the clients send start with '/', which
            // resolves against the host and dropped the prefix, so every call went to http://host/api/...
            handler = new PathPrefixHandler(prefix) { InnerHandler = handler ?? new HttpClientHandler() };
        }

        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        http.BaseAddress = baseAddress;
        if (!string.IsNullOrEmpty(apiKey))
        {
            http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        }

        return http;
    }

    public void Dispose() => _owned?.Dispose();
}
