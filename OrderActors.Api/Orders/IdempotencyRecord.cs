namespace OrderActors.Api.Orders;

/// <summary>The first answer to a create request with an <c>Idempotency-Key</c>: while running, only the request hash; then status, location and body.</summary>
public sealed record IdempotencyRecord(string RequestHash, bool Completed, int StatusCode, string? Location, string? Body);
