namespace OrderActors.Api.Webhooks;

/// <summary>What the order grain made of a channel order: its id and whether anything changed.</summary>
public sealed record IntakeResult(string OrderId, bool Changed);
