using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Stock;
using OrderActors.Runtime;

namespace OrderActors.Api.Stock;

/// <summary><c>/api/stock/{sku}</c>: read (any role), receipts and counts (warehouse), settings (warehouse, sales).</summary>
public static class StockEndpoints
{
    public static RouteGroupBuilder MapStock(this IEndpointRouteBuilder app)
    {
        var stock = app.MapGroup("/api/stock").WithTags("Stock").RequireRoles(ApiRoles.All.ToArray());
        stock.MapGet("/{sku}", GetAsync);
        stock.MapPost("/{sku}/receipts", ReceiveAsync).RequireRoles(ApiRoles.Warehouse);
        stock.MapPost("/{sku}/counts", CountAsync).RequireRoles(ApiRoles.Warehouse);
        stock.MapPut("/{sku}/settings", SettingsAsync).RequireRoles(ApiRoles.Warehouse, ApiRoles.Sales);
        return stock;
    }

    private static async Task<Ok<StockDto>> GetAsync(string sku, IGrainFactory grains) =>
        TypedResults.Ok(ToDto(await Grain(grains, sku).GetAsync()));

    private static async Task<Ok<StockDto>> ReceiveAsync(string sku, StockReceiptRequest request, IGrainFactory grains, HttpContext http)
    {
        var validator = new Validator();
        validator.Required(request.Warehouse, "warehouse", 50);
        validator.Positive(request.Quantity, "quantity");
        validator.ThrowIfInvalid();
        var view = await Grain(grains, sku).ReceiveAsync(new StockReceipt(request.Warehouse!.Trim(), request.Quantity!.Value, Actor(http), request.ReceiptId));
        return TypedResults.Ok(ToDto(view));
    }

    private static async Task<Ok<StockDto>> CountAsync(string sku, StockCountRequest request, IGrainFactory grains, HttpContext http)
    {
        var validator = new Validator();
        validator.Required(request.Warehouse, "warehouse", 50);
        validator.NotNegative(request.OnHand, "onHand");
        validator.ThrowIfInvalid();
        var view = await Grain(grains, sku).CountAsync(new StockCount(request.Warehouse!.Trim(), request.OnHand!.Value, Actor(http)));
        return TypedResults.Ok(ToDto(view));
    }

    private static async Task<Ok<StockDto>> SettingsAsync(string sku, StockSettingsRequest request, IGrainFactory grains, HttpContext http)
    {
        var validator = new Validator();
        validator.NotNegative(request.SafetyStock, "safetyStock");
        validator.NotNegative(request.LowStockThreshold, "lowStockThreshold");
        validator.NotNegative(request.PresaleAllowance, "presaleAllowance");
        validator.ThrowIfInvalid();
        var view = await Grain(grains, sku).ConfigureAsync(new StockSettings(request.SafetyStock!.Value, request.LowStockThreshold!.Value, request.PresaleAllowance!.Value, Actor(http)));
        return TypedResults.Ok(ToDto(view));
    }

    private static ISkuStockGrain Grain(IGrainFactory grains, string sku)
    {
        sku = RouteKeys.Decode(sku);
        if (string.IsNullOrWhiteSpace(sku) || sku.Length > 64)
        {
            var validator = new Validator();
            validator.Add("sku", "must be 1-64 characters");
            validator.ThrowIfInvalid();
        }

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
            view.Warehouses.Select(w => new WarehouseStockDto(w.Warehouse, w.OnHand, w.Allocated, w.Available)).ToList());
    }
}
