using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Grains;
using OrderActors.Grains.Customers;
using OrderActors.Runtime;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Customers;

/// <summary>
/// <c>/api/customers</c>: a customer's profile across channels (names, addresses, orders, spend, tags) by phone, and
/// customers listed by tag from the query index (<c>high_value</c> for a campaign, <c>churn_risk</c> to win back). Any role
/// may read; PII and amounts are shown as on orders (<see cref="CallerAccess"/>).
/// </summary>
public static class CustomerEndpoints
{
    private const int ProfileOrders = 100;

    private static readonly string[] KnownTags = [CustomerTags.HighValue, CustomerTags.ChurnRisk];

    public static RouteGroupBuilder MapCustomers(this IEndpointRouteBuilder app)
    {
        var customers = app.MapGroup("/api/customers").WithTags("Customers").RequireRoles(ApiRoles.All.ToArray());
        customers.MapGet("/", ListAsync);
        customers.MapGet("/{phone}", GetAsync);
        return customers;
    }

    /// <summary>The customer with this phone (any format a checkout takes); 404 <c>customer.not_found</c> when no order has named it.</summary>
    private static async Task<Ok<CustomerProfileDto>> GetAsync(string phone, IGrainFactory grains, HttpContext http)
    {
        if (!PhoneNumbers.TryNormalize(phone, out var normalized))
        {
            throw new RequestValidationException("request.invalid", new Dictionary<string, string[]> { ["phone"] = ["is not a phone number"] });
        }

        var view = await grains.GetGrain<ICustomerGrain>(normalized).GetAsync();
        if (view.Orders.Count == 0)
        {
            throw DomainException.NotFound("customer.not_found", $"No order has named the customer with phone '{phone}'.");
        }

        var access = CallerAccess.From(http.User);
        var orders = new List<CustomerOrderDto>(Math.Min(ProfileOrders, view.Orders.Count));
        for (var i = view.Orders.Count - 1; i >= 0 && orders.Count < ProfileOrders; i--)
        {
            var order = view.Orders[i];
            orders.Add(new CustomerOrderDto(order.OrderId, order.Channel, access.Amount(order.Amount), access.Amount(order.Refunded), order.PlacedAt));
        }

        return TypedResults.Ok(new CustomerProfileDto(
            access.Phone(view.Phone)!,
            view.Names.Select(n => access.Name(n)!).ToList(),
            view.Addresses.Select(a => new AddressDto(a.Province, a.City, a.District, access.Address(a.Detail))).ToList(),
            view.Tags,
            access.Amount(view.Spend90Days),
            access.Amount(view.TotalSpend),
            view.LastOrderAt,
            view.Orders.Count,
            orders));
    }

    /// <summary>Customers by phone order, all or those with <paramref name="tag"/>; keyset-paged like the order list.</summary>
    private static async Task<Ok<CustomerListResponse>> ListAsync(
        IGrainStorage storage,
        HttpContext http,
        CancellationToken cancellationToken,
        string? tag = null,
        string? cursor = null,
        int limit = 50)
    {
        var validator = new Validator();
        var wanted = tag?.Trim().ToLowerInvariant();
        if (wanted is not null && !KnownTags.Contains(wanted, StringComparer.Ordinal))
        {
            validator.Add("tag", $"must be one of {string.Join(", ", KnownTags)}");
        }

        validator.Limit(limit, "limit", 500);
        var afterKey = OrderCursor.Decode(cursor, validator, IsCustomerKey);
        validator.ThrowIfInvalid();

        IndexFilter[] filters = wanted is null ? [] : [new IndexFilter(CustomerState.TagPrefix + wanted, IndexOperator.Equal, "1")];
        var rows = await storage.QueryIndexAsync(new IndexQuery(CustomerGrain.GrainTypeName, filters) { AfterKey = afterKey, Limit = limit }, cancellationToken);
        var access = CallerAccess.From(http.User);
        return TypedResults.Ok(new CustomerListResponse(rows.Select(r => ToSummary(r, access)).ToList(), OrderCursor.Next(rows, limit)));
    }

    private static CustomerSummaryDto ToSummary(IndexedGrain row, CallerAccess access)
    {
        var entries = row.Entries;
        var tags = entries.Keys.Where(k => k.StartsWith(CustomerState.TagPrefix, StringComparison.Ordinal)).Select(k => k[CustomerState.TagPrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        decimal? spend = IndexValues.TryParseNumber(entries.GetValueOrDefault(CustomerState.TotalSpendEntry), out var parsed) ? access.Amount(parsed) : null;
        DateTimeOffset? last = entries.TryGetValue(CustomerState.LastOrderAtEntry, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
        return new CustomerSummaryDto(access.Phone(row.GrainKey)!, tags, spend, last);
    }

    /// <summary>A customer's key is its normalised phone, which normalises to itself.</summary>
    private static bool IsCustomerKey(string key) => PhoneNumbers.TryNormalize(key, out var normalized) && normalized == key;
}
