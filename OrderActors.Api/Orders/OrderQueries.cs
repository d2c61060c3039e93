using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Orders;

/// <summary>Order lists from the query index (no grain activations): filters, time range and a keyset cursor.</summary>
public static class OrderQueries
{
    public static async Task<Ok<OrderListResponse>> ListAsync(
        IGrainStorage storage,
        HttpContext http,
        CancellationToken cancellationToken,
        string? status = null,
        string? channel = null,
        string? warehouse = null,
        string? phone = null,
        DateTimeOffset? from = null,
        DateTimeOffset? to = null,
        string? cursor = null,
        int limit = 50,
        bool? overdue = null,
        bool? redAlert = null,
        bool? damaged = null)
    {
        var validator = new Validator();
        OnlyTrue(validator, overdue, "overdue");
        OnlyTrue(validator, redAlert, "redAlert");
        OnlyTrue(validator, damaged, "damaged");
        var statusName = status is null ? null : StatusName(status);
        if (status is not null && statusName is null)
        {
            validator.Add("status", $"must be one of {string.Join(", ", ListedStatuses)}");
        }

        validator.Limit(limit, "limit", 500);
        validator.TimeRange(from, to);

        var afterKey = OrderCursor.Decode(cursor, validator);
        validator.ThrowIfInvalid();

        var filters = new List<IndexFilter>();
        if (statusName is not null)
        {
            filters.Add(new(OrderIndex.Status, IndexOperator.Equal, statusName));
        }

        AddEqual(filters, OrderIndex.Channel, channel?.ToLowerInvariant());
        AddEqual(filters, OrderIndex.Overdue, overdue == true ? "1" : null);
        AddEqual(filters, OrderIndex.RedAlert, redAlert == true ? "1" : null);
        AddEqual(filters, OrderIndex.Warehouse, warehouse);
        if (damaged == true)
        {
            // Returns that brought goods back broken, for whoever claims them from the carrier or supplier.
            filters.Add(new(OrderIndex.ReturnedDamaged, IndexOperator.GreaterOrEqual, IndexValues.Number(1)));
        }

        AddEqual(filters, OrderIndex.Phone, phone is null ? null : PhoneNumbers.TryNormalize(phone, out var normalized) ? normalized : phone);
        if (from is { } f)
        {
            filters.Add(new(OrderIndex.PlacedAt, IndexOperator.GreaterOrEqual, IndexValues.Time(f)));
        }

        if (to is { } t)
        {
            filters.Add(new(OrderIndex.PlacedAt, IndexOperator.Less, IndexValues.Time(t)));
        }

        var rows = await storage.QueryIndexAsync(new IndexQuery(OrderIndex.GrainType, filters) { AfterKey = afterKey, Limit = limit }, cancellationToken);
        var access = CallerAccess.From(http.User);
        return TypedResults.Ok(new OrderListResponse(rows.Select(r => ToSummary(r, access)).ToList(), OrderCursor.Next(rows, limit)));
    }

    public static OrderSummaryDto ToSummary(IndexedGrain row, CallerAccess access)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(access);
        var entries = row.Entries;
        decimal? amount = IndexValues.TryParseNumber(entries.GetValueOrDefault(OrderIndex.Amount), out var parsed) ? parsed : null;
        DateTimeOffset? placedAt = entries.TryGetValue(OrderIndex.PlacedAt, out var p) && DateTimeOffset.TryParse(p, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time : null;
        var holds = entries.Keys.Where(k => k.StartsWith(OrderIndex.HoldPrefix, StringComparison.Ordinal)).Select(k => k[OrderIndex.HoldPrefix.Length..]).Order(StringComparer.Ordinal).ToList();
        return new OrderSummaryDto(
            row.GrainKey,
            entries.GetValueOrDefault(OrderIndex.Status),
            entries.GetValueOrDefault(OrderIndex.Channel),
            entries.GetValueOrDefault(OrderIndex.Warehouse),
            access.Phone(entries.GetValueOrDefault(OrderIndex.Phone)),
            amount is { } value ? access.Amount(value) : null,
            placedAt,
            entries.ContainsKey(OrderIndex.Held),
            holds,
            int.TryParse(entries.GetValueOrDefault(OrderIndex.SlaLevel), NumberStyles.None, CultureInfo.InvariantCulture, out var level) ? level : 0,
            entries.ContainsKey(OrderIndex.RedAlert));
    }

    /// <summary>
    /// <c>overdue=true</c> lists the orders late in their SLA stage, <c>redAlert=true</c> those untouched for 48 hours: the
    /// supervisor's late-order list. <c>false</c> is refused rather than ignored (the index holds no "on time" entry, and a
    /// filter that listed every order would read as "nothing is late").
    /// </summary>
    private static void OnlyTrue(Validator validator, bool? value, string field)
    {
        if (value == false)
        {
            validator.Add(field, "only true filters; leave it out to list every order");
        }
    }

    /// <summary>Every status an order can be listed in (not <see cref="OrderStatus.None"/>: never placed, never listed).</summary>
    private static readonly string[] ListedStatuses = Enum.GetNames<OrderStatus>().Where(n => n != nameof(OrderStatus.None)).ToArray();

    /// <summary>
    /// The status named, case aside; null for anything else. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
    /// also takes numbers (<c>99</c>) and lists (<c>Paid,Shipped</c>), which listed nothing and answered 200 for a typo.
    /// </summary>
    private static string? StatusName(string status) =>
        Array.Find(ListedStatuses, n => n.Equals(status.Trim(), StringComparison.OrdinalIgnoreCase));

    private static void AddEqual(List<IndexFilter> filters, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value))
        {
            filters.Add(new(name, IndexOperator.Equal, value.Trim()));
        }
    }
}
