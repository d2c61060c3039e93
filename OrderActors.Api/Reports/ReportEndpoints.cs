using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OrderActors.Api.Auth;
using OrderActors.Api.Errors;
using OrderActors.Api.Orders;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Reports;

/// <summary>Operations views over the query index: the exception queue, the summary report and the daily reconciliation.</summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/exceptions", ExceptionsAsync).WithTags("Operations").RequireRoles(ApiRoles.CustomerService, ApiRoles.Warehouse, ApiRoles.Finance, ApiRoles.Sales);
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/summary", SummaryAsync).RequireRoles(ApiRoles.Finance, ApiRoles.Sales, ApiRoles.CustomerService);
        reports.MapGet("/reconciliation", ReconciliationAsync).RequireRoles(ApiRoles.Finance);
        return app;
    }

    private static async Task<Ok<OrderListResponse>> ExceptionsAsync(IGrainStorage storage, HttpContext http, CancellationToken cancellationToken, string? code = null, int limit = 100)
    {
        var filter = string.IsNullOrWhiteSpace(code)
            ? new IndexFilter(OrderIndex.Held, IndexOperator.Equal, "1")
            : new IndexFilter(OrderIndex.Hold(code.Trim()), IndexOperator.GreaterOrEqual, string.Empty);
        var rows = await storage.QueryIndexAsync(new IndexQuery(OrderIndex.GrainType, [filter]) { Limit = Math.Clamp(limit, 1, 1000) }, cancellationToken);
        var access = CallerAccess.From(http.User);
        return TypedResults.Ok(new OrderListResponse(rows.Select(r => OrderQueries.ToSummary(r, access)).ToList(), null));
    }

    private static async Task<Ok<SummaryReportDto>> SummaryAsync(IGrainStorage storage, TimeProvider time, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var end = to ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-30);
        if (start >= end)
        {
            throw new RequestValidationException("request.invalid", new Dictionary<string, string[]> { ["from"] = ["must be before to"] });
        }

        var rows = await OrderIndexScanner.ScanAsync(storage, OrderIndexScanner.Between(OrderIndex.PlacedAt, start, end), cancellationToken);
        return TypedResults.Ok(SummaryReport.Build(rows, start, end));
    }

    private static async Task<Results<Ok<ReconciliationDto>, ContentHttpResult>> ReconciliationAsync(IGrainStorage storage, TimeProvider time, CancellationToken cancellationToken, DateOnly? date = null, string? format = null)
    {
        if (format is not null and not ("csv" or "json"))
        {
            throw new RequestValidationException("request.invalid", new Dictionary<string, string[]> { ["format"] = ["must be csv or json"] });
        }

        var day = date ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var start = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var end = start.AddDays(1);
        var placed = await OrderIndexScanner.ScanAsync(storage, OrderIndexScanner.Between(OrderIndex.PlacedAt, start, end), cancellationToken);
        var paid = await OrderIndexScanner.ScanAsync(storage, OrderIndexScanner.Between(OrderIndex.PaidAt, start, end), cancellationToken);
        var returned = await OrderIndexScanner.ScanAsync(storage, OrderIndexScanner.Between(OrderIndex.ReturnedAt, start, end), cancellationToken);
        var channels = placed.Concat(paid).Concat(returned).Select(Channel).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var rows = channels.Select(channel =>
        {
            var paidHere = paid.Where(r => Channel(r) == channel).ToList();
            var returnedHere = returned.Where(r => Channel(r) == channel).ToList();
            var paidAmount = paidHere.Sum(r => OrderIndexScanner.Number(r, OrderIndex.Amount));
            var refundAmount = returnedHere.Sum(r => OrderIndexScanner.Number(r, OrderIndex.RefundAmount));
            return new ReconciliationRowDto(
                channel,
                placed.Count(r => Channel(r) == channel),
                paidHere.Count,
                paidAmount,
                returnedHere.Count,
                refundAmount,
                returnedHere.Count(r => r.Entries.ContainsKey(OrderIndex.RefundAmount)),
                paidAmount - refundAmount);
        }).ToList();
        var report = new ReconciliationDto(day, rows);
        return format == "csv" ? TypedResults.Text(ToCsv(report), "text/csv", Encoding.UTF8) : TypedResults.Ok(report);
    }

    private static string Channel(IndexedGrain row) => row.Entries.GetValueOrDefault(OrderIndex.Channel) ?? "unknown";

    private static string ToCsv(ReconciliationDto report)
    {
        var csv = new StringBuilder("date,channel,orders,paid_orders,paid_amount,refunds,refund_amount,credit_notes,net\n");
        foreach (var r in report.Channels)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{report.Date:yyyy-MM-dd},{r.Channel},{r.Orders},{r.PaidOrders},{r.PaidAmount:0.00},{r.Refunds},{r.RefundAmount:0.00},{r.CreditNotes},{r.Net:0.00}\n");
        }

        return csv.ToString();
    }
}
