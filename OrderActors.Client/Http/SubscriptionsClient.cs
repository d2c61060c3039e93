using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/subscriptions</c>: outbound webhook subscriptions and their deliveries.</summary>
public sealed class SubscriptionsClient(ApiConnection connection)
{
    public Task<SubscriptionView> CreateAsync(CreateSubscriptionRequest request, CancellationToken cancellationToken = default) =>
        connection.PostAsync<SubscriptionView>("/api/subscriptions", request, cancellationToken);

    public Task<IReadOnlyList<SubscriptionView>> ListAsync(CancellationToken cancellationToken = default) =>
        connection.GetAsync<IReadOnlyList<SubscriptionView>>("/api/subscriptions", cancellationToken);

    public Task<IReadOnlyList<DeliveryView>> DeliveriesAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        connection.GetAsync<IReadOnlyList<DeliveryView>>($"/api/subscriptions/{ApiConnection.Escape(subscriptionId)}/deliveries", cancellationToken);

    public Task DeleteAsync(string subscriptionId, CancellationToken cancellationToken = default) =>
        connection.DeleteAsync($"/api/subscriptions/{ApiConnection.Escape(subscriptionId)}", cancellationToken);
}
