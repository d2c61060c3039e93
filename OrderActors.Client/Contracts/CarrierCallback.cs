namespace OrderActors.Client.Contracts;

/// <summary><c>POST /webhooks/carriers/{carrier}</c> (signed like channel webhooks): the order by id, or by waybill number, and its new scans.</summary>
public sealed record CarrierCallback(string? OrderId, string? WaybillNo, IReadOnlyList<CarrierEventInput>? Events);
