using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Grains;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;

namespace OrderActors.Api.Stock;

/// <summary>
/// <c>/api/stock/{sku}</c>: read (any role), receipts and counts (warehouse), settings (warehouse, sales). A SKU nothing
/// was ever recorded for reads as 404 <c>stock.unknown_sku</c>, so a mistyped code is noticed. The settings carry a
/// version as their <c>ETag</c>; a change sent with <c>If-Match</c> is made only if they are still at that version
/// (else 412 <c>stock.settings_changed</c>, nothing changed). PUT replaces all three settings, PATCH the ones given.
/// </summary>
public static class StockEndpoints
{
    public static RouteGroupBuilder MapStock(this IEndpointRouteBuilder app)
    {
        var stock = app.MapGroup("/api/stock").WithTags("Stock").RequireRoles(ApiRoles.All.ToArray());
        stock.MapGet("/{sku}", GetAsync);
        stock.MapGet("/{sku}/settings", GetSettingsAsync);
        stock.MapPost("/{sku}/receipts", ReceiveAsync).RequireRoles(ApiRoles.Warehouse);
        stock.MapPost("/{sku}/counts", CountAsync).RequireRoles(ApiRoles.Warehouse);
        stock.MapPut("/{sku}/settings", SettingsAsync).RequireRoles(ApiRoles.Warehouse, ApiRoles.Sales).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        stock.MapPatch("/{sku}/settings", PatchSettingsAsync).RequireRoles(ApiRoles.Warehouse, ApiRoles.Sales).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return stock;
    }

    private static async Task<Ok<StockDto>> GetAsync(string sku, IGrainFactory grains) =>
        TypedResults.Ok(ToDto(await KnownAsync(grains, sku)));

    private static async Task<Ok<StockSettingsDto>> GetSettingsAsync(string sku, IGrainFactory grains, HttpContext http)
    {
        var view = await KnownAsync(grains, sku);
        http.Response.Headers.ETag = VersionPrecondition.ETag(view.SettingsVersion);
        return TypedResults.Ok(new StockSettingsDto(view.Sku, view.SafetyStock, view.LowStockThreshold, view.PresaleAllowance, view.SettingsVersion));
    }

    /// <summary>
    /// Goods received. A <c>receiptId</c> makes a repeat change nothing; so does an <c>Idempotency-Key</c> without one (a
    /// retry gets the first answer, and the key stands in as the receipt's id at the SKU, so a retry that takes over a
    /// claim left by a crash still counts the goods once).
    /// </summary>
    private static async Task<Ok<StockDto>> ReceiveAsync(
        string sku,
        StockReceiptRequest request,
        IGrainFactory grains,
        IdempotencyStore idempotency,
        HttpContext http,
        [FromHeader(Name = IdempotencyStore.HeaderName)] string? idempotencyKey,
        CancellationToken cancellationToken)
    {
        var validator = new Validator();
        validator.RequiredCode(request.Warehouse, "warehouse", 50);

        validator.Positive(request.Quantity, "quantity");
        validator.OptionalCode(request.ReceiptId, "receiptId", 100);
        validator.ThrowIfInvalid();
        var actor = Actor(http);
        var receiptId = request.ReceiptId ?? (string.IsNullOrWhiteSpace(idempotencyKey) ? null : $"{actor}:{idempotencyKey}");
        var received = await idempotency.RunAsync<StockDto>(
            $"{actor}:stock-receipts",
            idempotencyKey,
            new { sku, request },
            async () =>
            {
                var view = await Grain(grains, sku).ReceiveAsync(new StockReceipt(request.Warehouse!.Trim(), request.Quantity!.Value, actor, receiptId));
                return (ToDto(view), $"/api/stock/{Uri.EscapeDataString(sku)}");
            },
            cancellationToken);
        return TypedResults.Ok((received ?? throw new InvalidOperationException("A receipt is never refused as a value.")).Body);
    }

    private static async Task<Ok<StockDto>> CountAsync(string sku, StockCountRequest request, IGrainFactory grains, HttpContext http)
    {
        var validator = new Validator();
        validator.RequiredCode(request.Warehouse, "warehouse", 50);

        validator.NotNegative(request.OnHand, "onHand");
        validator.ThrowIfInvalid();
        var view = await Grain(grains, sku).CountAsync(new StockCount(request.Warehouse!.Trim(), request.OnHand!.Value, Actor(http)));
        return TypedResults.Ok(ToDto(view));
    }

    /// <summary>Replaces all three settings (each is required), conditionally with <c>If-Match</c>.</summary>
    private static async Task<Ok<StockDto>> SettingsAsync(string sku, StockSettingsRequest request, IGrainFactory grains, HttpContext http)
    {
        var validator = new Validator();
        validator.NotNegative(request.SafetyStock, "safetyStock");
        validator.NotNegative(request.LowStockThreshold, "lowStockThreshold");
        validator.NotNegative(request.PresaleAllowance, "presaleAllowance");
        validator.ThrowIfInvalid();
        return await ConfigureAsync(sku, request, grains, http);
    }

    /// <summary>Changes only the settings given (absent or null keeps the current value), conditionally with <c>If-Match</c>.</summary>
    private static async Task<Ok<StockDto>> PatchSettingsAsync(string sku, StockSettingsRequest request, IGrainFactory grains, HttpContext http)
    {
        var validator = new Validator();
        if (request.SafetyStock is null && request.LowStockThreshold is null && request.PresaleAllowance is null)
        {
            validator.Add("body", "give at least one of safetyStock, lowStockThreshold, presaleAllowance");
        }

        foreach (var (value, field) in new[] { (request.SafetyStock, "safetyStock"), (request.LowStockThreshold, "lowStockThreshold"), (request.PresaleAllowance, "presaleAllowance") })
        {
            if (value is not null)
            {
                validator.NotNegative(value, field);
            }
        }

        validator.ThrowIfInvalid();
        return await ConfigureAsync(sku, request, grains, http);
    }

    private static async Task<Ok<StockDto>> ConfigureAsync(string sku, StockSettingsRequest request, IGrainFactory grains, HttpContext http)
    {
        var grain = Grain(grains, sku);
        var expected = VersionPrecondition.Expected<int>(http.Request, "stock.settings_changed", $"the settings of {RouteKeys.Decode(sku).Trim()}");
        var view = await grain.ConfigureAsync(new StockSettings(request.SafetyStock, request.LowStockThreshold, request.PresaleAllowance, Actor(http), expected));
        http.Response.Headers.ETag = VersionPrecondition.ETag(view.SettingsVersion);
        return TypedResults.Ok(ToDto(view));
    }

    /// <summary>The SKU's stock; 404 <c>stock.unknown_sku</c> when nothing was ever recorded for it.</summary>
    private static async Task<StockView> KnownAsync(IGrainFactory grains, string sku)
    {
        var view = await Grain(grains, sku).GetAsync();
        return view.Known
            ? view
            : throw new DomainException(
                DomainErrorKind.NotFound,
                "stock.unknown_sku",
                $"Nothing was ever recorded for SKU '{view.Sku}': no receipt, count, settings or reservation. Check the code; a SKU starts with a receipt, a count or a presale allowance.",
                "sku");
    }

    private static ISkuStockGrain Grain(IGrainFactory grains, string sku)
    {
        sku = RouteKeys.Decode(sku);
        var validator = new Validator();
        if (string.IsNullOrWhiteSpace(sku) || sku.Length > 64)
        {
            validator.Add("sku", "must be 1-64 characters");
        }

        validator.PlainCode(sku, "sku");
        validator.ThrowIfInvalid();

        return grains.GetGrain<ISkuStockGrain>(sku.Trim());
    }

    private static string Actor(HttpContext http) => CallerAccess.From(http.User).Actor;

    public static StockDto ToDto(StockView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new StockDto(
            view.Sku,
            view.OnHand,
            view.Reserved,
            view.Allocated,
            view.Sellable,
            view.SafetyStock,
            view.LowStockThreshold,
            view.PresaleAllowance,
            view.IsLow,
            view.Warehouses.Select(w => new WarehouseStockDto(w.Warehouse, w.OnHand, w.Allocated, w.Available)).ToList(),
            view.SettingsVersion);
    }
}
