namespace OrderActors.Tests.Api;

/// <summary>What the loopback subscriber saw of one delivery attempt, and what it answered.</summary>
internal sealed record ReceivedDelivery(string Body, string? Signature, string? DeliveryId, int AnsweredStatus);
