namespace OrderActors.Client.Contracts;

/// <summary>One of the customer's orders in the self-service tracking answer (PII masked).</summary>
public sealed record TrackedOrderDto(string OrderNo, string Channel, string Status, string? Carrier, string? WaybillNo, string? CustomerName, string? Phone, string? City, IReadOnlyList<TimelineEntryDto> Timeline);
