using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/orders</c>: checkout, reads, lists, history and every transition. Each transition answers with the order.</summary>
public sealed class OrdersClient(ApiConnection connection)
{
    private const string Base = "/api/orders";

    /// <summary>Own-store checkout; a retry with the same <paramref name="idempotencyKey"/> returns the first answer.</summary>
    public Task<OrderDto> CreateAsync(CreateOrderRequest request, string? idempotencyKey = null, CancellationToken cancellationToken = default) =>
        connection.PostAsync<OrderDto>(
            Base,
            request,
            cancellationToken,
            idempotencyKey is null ? null : new Dictionary<string, string> { ["Idempotency-Key"] = idempotencyKey });

    public Task<OrderDto> GetAsync(string id, CancellationToken cancellationToken = default) =>
        connection.GetAsync<OrderDto>(Path(id), cancellationToken);

    public Task<OrderListResponse> ListAsync(OrderQuery? query = null, CancellationToken cancellationToken = default)
    {
        query ??= new OrderQuery();
        var path = ApiConnection.Query(
            Base,
            ("status", query.Status),
            ("channel", query.Channel),
            ("warehouse", query.Warehouse),
            ("phone", query.Phone),
            ("from", query.From),
            ("to", query.To),
            ("cursor", query.Cursor),
            ("limit", query.Limit));
        return connection.GetAsync<OrderListResponse>(path, cancellationToken);
    }

    public Task<IReadOnlyList<OrderHistoryDto>> HistoryAsync(string id, CancellationToken cancellationToken = default) =>
        connection.GetAsync<IReadOnlyList<OrderHistoryDto>>($"{Path(id)}/history", cancellationToken);

    public Task<OrderDto> PayAsync(string id, PaymentRequest request, CancellationToken cancellationToken = default) =>
        Post(id, "payment", request, cancellationToken);

    public Task<OrderDto> CancelAsync(string id, string? reason, CancellationToken cancellationToken = default) =>
        Post(id, "cancel", new ReasonRequest(reason), cancellationToken);

    public Task<OrderDto> ApproveAsync(string id, ApproveRequest? request = null, CancellationToken cancellationToken = default) =>
        Post(id, "approve", request ?? new ApproveRequest(), cancellationToken);

    public Task<OrderDto> ReleaseHoldAsync(string id, string code, string? reason, CancellationToken cancellationToken = default) =>
        Post(id, $"holds/{ApiConnection.Escape(code)}/release", new ReasonRequest(reason), cancellationToken);

    public Task<OrderDto> AllocateAsync(string id, string? warehouse = null, CancellationToken cancellationToken = default) =>
        Post(id, "allocate", new AllocateRequest(warehouse), cancellationToken);

    public Task<OrderDto> SplitAsync(string id, string? reason = null, CancellationToken cancellationToken = default) =>
        Post(id, "split", new ReasonRequest(reason), cancellationToken);

    public Task<OrderDto> PackAsync(string id, CancellationToken cancellationToken = default) =>
        Post(id, "pack", null, cancellationToken);

    public Task<OrderDto> ShipAsync(string id, ShipRequest request, CancellationToken cancellationToken = default) =>
        Post(id, "ship", request, cancellationToken);

    public Task<OrderDto> DeliverAsync(string id, CancellationToken cancellationToken = default) =>
        Post(id, "deliver", null, cancellationToken);

    public Task<OrderDto> CompleteAsync(string id, CancellationToken cancellationToken = default) =>
        Post(id, "complete", null, cancellationToken);

    public Task<OrderDto> RequestReturnAsync(string id, string? reason, CancellationToken cancellationToken = default) =>
        Post(id, "return-requests", new ReasonRequest(reason), cancellationToken);

    public Task<OrderDto> ReceiveReturnAsync(string id, ReceiveReturnRequest? request = null, CancellationToken cancellationToken = default) =>
        Post(id, "returns/receive", request ?? new ReceiveReturnRequest(), cancellationToken);

    public Task<OrderDto> MergeAsync(MergeRequest request, CancellationToken cancellationToken = default) =>
        connection.PostAsync<OrderDto>($"{Base}/merge", request, cancellationToken);

    public Task<OrderDto> ChangeAddressAsync(string id, AddressPatchRequest request, CancellationToken cancellationToken = default) =>
        connection.PatchAsync<OrderDto>($"{Path(id)}/address", request, cancellationToken);

    private static string Path(string id) => $"{Base}/{ApiConnection.Escape(id)}";

    private Task<OrderDto> Post(string id, string action, object? body, CancellationToken cancellationToken) =>
        connection.PostAsync<OrderDto>($"{Path(id)}/{action}", body, cancellationToken);
}
