namespace OrderActors.Client.Contracts;

/// <summary><c>GET /api/track</c>: the customer's orders across channels; empty for a wrong phone or an unknown order alike.</summary>
public sealed record TrackingResponse(IReadOnlyList<TrackedOrderDto> Orders);
