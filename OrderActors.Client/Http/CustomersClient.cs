using OrderActors.Client.Contracts;

namespace OrderActors.Client.Http;

/// <summary><c>/api/customers</c>: one customer across channels by phone, and customers listed by tag.</summary>
public sealed class CustomersClient(ApiConnection connection)
{
    /// <summary>The customer with this phone (any format a checkout takes); 404 <c>customer.not_found</c> when no order named it.</summary>
    public Task<CustomerProfileDto> GetAsync(string phone, CancellationToken cancellationToken = default) =>
        connection.GetAsync<CustomerProfileDto>($"/api/customers/{ApiConnection.Escape(phone)}", cancellationToken);

    /// <summary>A page in phone order, of all customers or those with <paramref name="tag"/>; pass <see cref="CustomerListResponse.NextCursor"/> as <paramref name="cursor"/> for the next.</summary>
    public Task<CustomerListResponse> ListAsync(string? tag = null, int? limit = null, string? cursor = null, CancellationToken cancellationToken = default) =>
        connection.GetAsync<CustomerListResponse>(ApiConnection.Query("/api/customers", ("tag", tag), ("cursor", cursor), ("limit", limit)), cancellationToken);
}
