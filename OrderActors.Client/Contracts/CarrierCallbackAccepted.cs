namespace OrderActors.Client.Contracts;

/// <summary>The answer to a carrier callback: the order it landed on and its status now.</summary>
public sealed record CarrierCallbackAccepted(string OrderId, string Status, int TrackingEvents);
