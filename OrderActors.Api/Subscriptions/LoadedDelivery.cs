namespace OrderActors.Api.Subscriptions;

/// <summary>
/// A delivery record read from the outbox with its document version. <see cref="Record"/> is null when the stored text
/// is not a delivery record; <see cref="Unreadable"/> then says what it is shown and kept as.
/// </summary>
public sealed record LoadedDelivery(DeliveryRecord? Record, DeliveryRecord? Unreadable, long Version);
