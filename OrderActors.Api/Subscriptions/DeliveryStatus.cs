namespace OrderActors.Api.Subscriptions;

/// <summary>Where one outbound delivery stands.</summary>
public static class DeliveryStatus
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
