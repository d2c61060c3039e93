using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Orders;

/// <summary><c>/api/orders</c>: own-store checkout, reads, lists and every transition. Each handler is one grain call.</summary>
public static class OrderEndpoints
{
    public static RouteGroupBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders").WithTags("Orders").RequireRoles(ApiRoles.All.ToArray());
        orders.MapPost("/", CreateAsync).RequireRoles(ApiRoles.Sales, ApiRoles.CustomerService, ApiRoles.Integration);
        orders.MapGet("/", OrderQueries.ListAsync);
        orders.MapGet("/{id}", GetAsync);
        orders.MapGet("/{id}/history", HistoryAsync);
        orders.MapPost("/merge", MergeAsync).RequireRoles(ApiRoles.CustomerService);
        orders.MapPost("/{id}/payment", PaymentAsync).RequireRoles(ApiRoles.Finance, ApiRoles.Integration);
        orders.MapPost("/{id}/cancel", CancelAsync).RequireRoles(ApiRoles.CustomerService, ApiRoles.Sales);
        orders.MapPost("/{id}/approve", ApproveAsync).RequireRoles(ApiRoles.CustomerService, ApiRoles.Finance, ApiRoles.Sales);
        orders.MapPost("/{id}/holds/{code}/release", ReleaseHoldAsync).RequireRoles(ApiRoles.CustomerService);
        orders.MapPost("/{id}/allocate", AllocateAsync).RequireRoles(ApiRoles.Warehouse);
        orders.MapPost("/{id}/split", SplitAsync).RequireRoles(ApiRoles.Warehouse, ApiRoles.CustomerService);
        orders.MapPost("/{id}/pack", PackAsync).RequireRoles(ApiRoles.Warehouse);
        orders.MapPost("/{id}/ship", ShipAsync).RequireRoles(ApiRoles.Warehouse);
        orders.MapPost("/{id}/deliver", DeliverAsync).RequireRoles(ApiRoles.Warehouse, ApiRoles.Integration);
        orders.MapPost("/{id}/complete", CompleteAsync).RequireRoles(ApiRoles.CustomerService, ApiRoles.Integration);
        orders.MapPost("/{id}/return-requests", RequestReturnAsync).RequireRoles(ApiRoles.CustomerService);
        orders.MapPost("/{id}/returns/receive", ReceiveReturnAsync).RequireRoles(ApiRoles.Warehouse);
        orders.MapPatch("/{id}/address", ChangeAddressAsync).RequireRoles(ApiRoles.CustomerService);
        return orders;
    }

    /// <summary>
    /// 201 with the new order. An order number used before answers the order it already is with 200 when the lines
    /// are the same (a storefront's retry without an Idempotency-Key), and 409 <c>order.exists</c> when they differ:
    /// the number belongs to another basket, and answering 201 with it would tell the storefront its new basket was stored.
    /// </summary>
    private static async Task<Results<Created<OrderDto>, Ok<OrderDto>, RefusalResult>> CreateAsync(
        CreateOrderRequest request,
        [AsParameters] OrderRequestContext context,
        IdempotencyStore idempotency,
        KnownSkuCache knownSkus,
        [FromHeader(Name = IdempotencyStore.HeaderName)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        // A sold-out checkout comes back from the grain as a value and is answered as the 409 it was when thrown.
        PlaceRefusal? refusal = null;
        var existed = false;
        var created = await idempotency.RunAsync<OrderDto>(
            $"{context.Actor}:orders",
            idempotencyKey,
            request,
            async () =>
            {
                var command = await CreateOrderValidation.ToCommandAsync(request, context.Actor, context.Grains, knownSkus);
                var id = OrderKeys.For(command.Channel, command.ExternalOrderNo);
                var outcome = await context.Order(id).TryPlaceAsync(command);
                refusal = outcome.Refusal;
                if (outcome is { Created: false, Order: { } existing })
                {
                    existed = true;
                    refusal = SameLines(existing.Lines, command.Lines) ? null : new PlaceRefusal(
                        DomainErrorKind.Conflict, OrderErrors.OrderExists, $"Order {id} exists with other lines; an order number is used for one basket only.", "externalOrderNo");
                    if (refusal is not null)
                    {
                        return null;
                    }
                }

                return outcome.Order is { } view ? (view.ToDto(context.Access), $"/api/orders/{Uri.EscapeDataString(id)}") : null;
            },
            cancellationToken);
        if (created is not var (body, location, _))
        {
            return new RefusalResult(refusal ?? throw new InvalidOperationException("A checkout that created nothing carries its refusal."));
        }

        return existed ? TypedResults.Ok(body) : TypedResults.Created(location, body);
    }

    private static bool SameLines(IReadOnlyList<OrderLineView> stored, IReadOnlyList<OrderLineRequest> asked)
    {
        static IEnumerable<(string, int, decimal)> Normal(IEnumerable<(string Sku, int Quantity, decimal UnitPrice)> lines) =>
            lines.Select(l => (l.Sku.Trim(), l.Quantity, l.UnitPrice)).Order();
        return Normal(stored.Select(l => (l.Sku, l.Quantity, l.UnitPrice))).SequenceEqual(Normal(asked.Select(l => (l.Sku, l.Quantity, l.UnitPrice))));
    }

    private static async Task<Ok<OrderDto>> GetAsync(string id, [AsParameters] OrderRequestContext context) =>
        TypedResults.Ok((await context.Order(id).GetAsync()).ToDto(context.Access));

    private static async Task<Ok<List<OrderHistoryDto>>> HistoryAsync(string id, [AsParameters] OrderRequestContext context)
    {
        var history = await context.Order(id).GetHistoryAsync();
        return TypedResults.Ok(history.Select(h => h.ToDto(context.Access)).ToList());
    }

    private static async Task<Ok<OrderDto>> PaymentAsync(string id, PaymentRequest request, [AsParameters] OrderRequestContext context)
    {
        var validator = new Validator();
        validator.RequiredCode(request.PaymentId, "paymentId", 100);
        validator.Amount(request.Amount, "amount");
        validator.ThrowIfInvalid();
        return Reply(await context.Order(id).ConfirmPaymentAsync(new ConfirmPayment(request.PaymentId!, request.Amount!.Value, context.Actor)), context);
    }

    private static async Task<Ok<OrderDto>> CancelAsync(string id, ReasonRequest request, [AsParameters] OrderRequestContext context) =>
        Reply(await context.Order(id).CancelAsync(new CancelOrder(RequireReason(request), context.Actor)), context);

    private static async Task<Ok<OrderDto>> ApproveAsync(string id, ApproveRequest request, [AsParameters] OrderRequestContext context)
    {
        var role = request.Role;
        if (string.IsNullOrWhiteSpace(role))
        {
            // The level this caller gave already, if any: a retry of an approval whose answer was lost is answered again,
            // where the next level would be refused as the same approver's.
            var approval = (await context.Order(id).GetAsync()).Approval;
            role = approval.Granted.FirstOrDefault(g => g.Actor == context.Actor)?.Role
                ?? approval.NextRole
                ?? throw DomainException.Conflict(OrderErrors.InvalidTransition, "The order needs no further approval.");
        }

        if (!context.Http.User.IsInRole(role) && !context.Http.User.IsInRole(ApiRoles.Admin))
        {
            throw new DomainException(DomainErrorKind.Forbidden, "auth.role_required", $"Approving as '{role}' needs an API key with that role.", "role");
        }

        return Reply(await context.Order(id).ApproveAsync(new ApproveOrder(role, context.Actor, request.Comment)), context);
    }

    private static async Task<Ok<OrderDto>> ReleaseHoldAsync(string id, string code, ReasonRequest request, [AsParameters] OrderRequestContext context) =>
        Reply(await context.Order(id).ReleaseHoldAsync(new ReleaseHold(code, RequireReason(request), context.Actor)), context);

    private static async Task<Ok<OrderDto>> AllocateAsync(string id, [AsParameters] OrderRequestContext context, [FromBody] AllocateRequest? request = null) =>
        Reply(await context.Order(id).AllocateAsync(new AllocateOrder(context.Actor, string.IsNullOrWhiteSpace(request?.Warehouse) ? null : request.Warehouse)), context);

    private static async Task<Ok<OrderDto>> SplitAsync(string id, [AsParameters] OrderRequestContext context, [FromBody] ReasonRequest? request = null) =>
        Reply(await context.Order(id).SplitAsync(new SplitOrder(context.Actor, request?.Reason)), context);

    private static async Task<Ok<OrderDto>> PackAsync(string id, [AsParameters] OrderRequestContext context) =>
        Reply(await context.Order(id).PackAsync(new PackOrder(context.Actor)), context);

    private static async Task<Ok<OrderDto>> ShipAsync(
        string id, ShipRequest request, [AsParameters] OrderRequestContext context, IGrainStorage storage, IConfiguration configuration, CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.RequiredCode(request.Carrier, "carrier", 50);
        validator.RequiredCode(request.WaybillNo, "waybillNo", 64);
        validator.ThrowIfInvalid();
        var carrier = ConfiguredCarriers.Resolve(configuration, request.Carrier!, "carrier");
        var waybill = request.WaybillNo!.Trim();
        await Waybills.EnsureNotOnAnotherOrderAsync(storage, waybill, RouteKeys.Decode(id), cancellationToken);
        return Reply(await context.Order(id).ShipAsync(new ShipOrder(carrier, waybill, context.Actor)), context);
    }

    private static async Task<Ok<OrderDto>> DeliverAsync(string id, [AsParameters] OrderRequestContext context) =>
        Reply(await context.Order(id).DeliverAsync(new DeliverOrder(context.Actor)), context);

    private static async Task<Ok<OrderDto>> CompleteAsync(string id, [AsParameters] OrderRequestContext context) =>
        Reply(await context.Order(id).CompleteAsync(new CompleteOrder(context.Actor)), context);

    private static async Task<Ok<OrderDto>> RequestReturnAsync(string id, ReasonRequest request, [AsParameters] OrderRequestContext context) =>
        Reply(await context.Order(id).RequestReturnAsync(new RequestReturn(RequireReason(request), context.Actor)), context);

    private static async Task<Ok<OrderDto>> ReceiveReturnAsync(string id, [AsParameters] OrderRequestContext context, [FromBody] ReceiveReturnRequest? request = null)
    {
        var validator = new Validator();
        if (request?.RefundAmount is { } refund)
        {
            validator.Amount(refund, "refundAmount");
        }

        var lines = request?.Lines;
        if (lines is not null)
        {
            for (var i = 0; validator.AtMost(lines.Count, "lines", OrderValidation.MaxLines) && i < lines.Count; i++)
            {
                validator.RequiredCode(lines[i]?.Sku, $"lines[{i}].sku", 64);
                validator.NotNegative(lines[i]?.Quantity, $"lines[{i}].quantity");
                if (lines[i]?.Damaged is { } damaged)
                {
                    validator.NotNegative(damaged, $"lines[{i}].damaged");
                }
            }
        }

        validator.ThrowIfInvalid();
        var returned = lines?.Select(l => new ReturnedLine(l!.Sku!.Trim(), l.Quantity!.Value, l.Damaged ?? 0)).ToList();
        return Reply(await context.Order(id).ReceiveReturnAsync(new ReceiveReturn(context.Actor, request?.Warehouse, request?.RefundAmount, returned)), context);
    }

    private static async Task<Ok<OrderDto>> MergeAsync(MergeRequest request, [AsParameters] OrderRequestContext context)
    {
        var validator = new Validator();
        validator.Required(request.TargetOrderId, "targetOrderId", 100);
        if (request.OtherOrderIds is null || request.OtherOrderIds.Count == 0)
        {
            validator.Add("otherOrderIds", "at least one order to merge is required");
        }
        else if (request.OtherOrderIds.Any(string.IsNullOrWhiteSpace))
        {
            validator.Add("otherOrderIds", "must not contain blank ids");
        }

        validator.ThrowIfInvalid();
        return Reply(await context.Order(request.TargetOrderId!).MergeAsync(new MergeOrders(request.OtherOrderIds!, context.Actor, request.Reason)), context);
    }

    private static async Task<Ok<OrderDto>> ChangeAddressAsync(string id, AddressPatchRequest request, [AsParameters] OrderRequestContext context)
    {
        var validator = new Validator();
        validator.Required(request.Reason, "reason", 500);
        if (request is { Province: null, City: null, District: null, Detail: null })
        {
            validator.Add("address", "give at least one of province, city, district, detail");
        }

        validator.ThrowIfInvalid();
        var order = context.Order(id);
        var current = (await order.GetAsync()).Address;
        var address = new ShippingAddress(
            Blank(request.Province, "province") ?? current.Province,
            Blank(request.City, "city") ?? current.City,
            Blank(request.District, "district") ?? current.District,
            Blank(request.Detail, "detail") ?? current.Detail);
        return Reply(await order.ChangeAddressAsync(new ChangeAddress(address, request.Reason!, context.Actor)), context);
    }

    private static string? Blank(string? value, string field) =>
        value is not null && string.IsNullOrWhiteSpace(value)
            ? throw DomainException.Validation("request.invalid", field, $"{field} must not be blank; omit it to keep it.")
            : value?.Trim();

    private static string RequireReason(ReasonRequest request)
    {
        var validator = new Validator();
        validator.Required(request.Reason, "reason", 500);
        validator.ThrowIfInvalid();
        return request.Reason!.Trim();
    }

    private static Ok<OrderDto> Reply(OrderView view, OrderRequestContext context) => TypedResults.Ok(view.ToDto(context.Access));
}
