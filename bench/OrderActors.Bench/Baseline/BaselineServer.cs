using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OrderActors.Client.Contracts;

namespace OrderActors.Bench.Baseline;

/// <summary>
/// <c>baseline-server</c>: a minimal-API order service over <see cref="BaselineStore"/>, answering the same paths and
/// bodies the load scenarios send to the silo (checkout, payment, stock receipts, reads), so one generator drives both.
/// No auth, no rules, no customer or audit records: it does strictly less work per order than the silo.
/// </summary>
public static class BaselineServer
{
    public static async Task<int> RunAsync(BenchArgs args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(args.Get("urls") ?? "http://127.0.0.1:5099");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var provider = args.Get("provider") ?? "sqlite";
        await using IBaselineStore store = provider == "memory"
            ? new MemoryBaselineStore()
            : new BaselineStore(provider, args.Get("connection") ?? "Data Source=baseline.db");
        await store.InitializeAsync();
        builder.Services.AddSingleton(store);
        await using var app = builder.Build();
        Map(app);
        await app.RunAsync();
        return 0;
    }

    private static void Map(WebApplication app)
    {
        app.MapGet("/health/ready", () => Results.Ok(new { status = "ready" }));
        app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
        app.MapPost("/api/stock/{sku}/receipts", async (string sku, StockReceiptRequest request, IBaselineStore store) =>
        {
            if (request.Quantity is not > 0)
            {
                return Results.Problem(statusCode: 400, title: "quantity must be positive");
            }

            await store.ReceiveAsync(sku, request.Quantity.Value);
            return Results.Ok(await store.GetStockAsync(sku));
        });
        app.MapGet("/api/stock/{sku}", async (string sku, IBaselineStore store) =>
            await store.GetStockAsync(sku) is { } stock ? Results.Ok(stock) : Results.NotFound());
        app.MapPost("/api/orders", PlaceAsync);
        app.MapPost("/api/orders/{id}/payment", async (string id, PaymentRequest request, IBaselineStore store) =>
        {
            if (string.IsNullOrWhiteSpace(request.PaymentId))
            {
                return Results.Problem(statusCode: 400, title: "paymentId is required");
            }

            var status = await store.PayAsync(id, request.PaymentId);
            return status switch
            {
                null => Results.NotFound(),
                "Paid" => Results.Ok(await store.GetOrderAsync(id)),
                _ => Results.Problem(statusCode: 409, title: "order.invalid_transition", detail: status),
            };
        });
        app.MapGet("/api/orders/{id}", async (string id, IBaselineStore store) =>
            await store.GetOrderAsync(id) is { } order ? Results.Ok(order) : Results.NotFound());
    }

    private static async Task<IResult> PlaceAsync(CreateOrderRequest request, IBaselineStore store)
    {
        if (string.IsNullOrWhiteSpace(request.ExternalOrderNo) || request.Customer is null || request.Address is null
            || request.Lines is not { Count: > 0 } || request.Lines.Any(l => string.IsNullOrWhiteSpace(l.Sku) || l.Quantity is not > 0 || l.UnitPrice is not >= 0))
        {
            return Results.Problem(statusCode: 400, title: "request.invalid");
        }

        var id = $"own-{request.ExternalOrderNo.Trim()}";
        var lines = request.Lines.Select(l => new BaselineLine(l.Sku!.Trim(), l.Quantity!.Value, l.UnitPrice!.Value)).ToList();
        var address = $"{request.Address.Province} {request.Address.City} {request.Address.District} {request.Address.Detail}";
        var result = await store.PlaceAsync(id, request.Customer.Name ?? string.Empty, request.Customer.Phone ?? string.Empty, address, lines,
            TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        return result switch
        {
            PlaceResult.Created or PlaceResult.AlreadyExists => Results.Created($"/api/orders/{id}", await store.GetOrderAsync(id)),
            PlaceResult.UnknownSku => Results.Problem(statusCode: 400, title: "order.unknown_sku"),
            _ => Results.Problem(statusCode: 409, title: "stock.insufficient"),
        };
    }
}
