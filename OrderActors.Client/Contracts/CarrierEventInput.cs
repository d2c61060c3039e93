namespace OrderActors.Client.Contracts;

/// <summary>One carrier scan: status (e.g. <c>picked_up</c>, <c>in_transit</c>, <c>delivered</c>), description and time.</summary>
public sealed record CarrierEventInput(string? Status, string? Description, DateTimeOffset? At);
