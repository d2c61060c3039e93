namespace OrderActors.Client.Contracts;

/// <summary><c>POST /api/orders/{id}/payment</c>.</summary>
public sealed record PaymentRequest(string? PaymentId, decimal? Amount);
