namespace OrderActors.Client.Contracts;

/// <summary>One try of a delivery: when, the HTTP status (null when the connection failed) and a short error.</summary>
public sealed record DeliveryAttemptView(DateTimeOffset At, int? StatusCode, string? Error);
