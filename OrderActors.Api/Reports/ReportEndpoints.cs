using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
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
    private const int MaxExceptions = 1000;

    /// <summary>The summary's period when <c>from</c> is not given: the 30 days before <c>to</c>.</summary>
    private static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapReports(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/exceptions", ExceptionsAsync).WithTags("Operations").RequireRoles(ApiRoles.CustomerService, ApiRoles.Warehouse, ApiRoles.Finance, ApiRoles.Sales);
        var reports = app.MapGroup("/api/reports").WithTags("Reports");
        reports.MapGet("/summary", SummaryAsync).RequireRoles(ApiRoles.Finance, ApiRoles.Sales, ApiRoles.CustomerService);
        reports.MapGet("/reconciliation", ReconciliationAsync).RequireRoles(ApiRoles.Finance);
        return app;
    }

    private static async Task<Ok<OrderListResponse>> ExceptionsAsync(IGrainStorage storage, HttpContext http, CancellationToken cancellationToken, string? code = null, string? cursor = null, int limit = 100)
    {
        var validator = new Validator();
        validator.Limit(limit, "limit", MaxExceptions);

        // Pages in order id, as the order list does, so a page ends where the next begins whatever is held meanwhile.
        var afterKey = OrderCursor.Decode(cursor, validator);
        validator.ThrowIfInvalid();
        var filter = string.IsNullOrWhiteSpace(code)
            ? new IndexFilter(OrderIndex.Held, IndexOperator.Equal, "1")
            : new IndexFilter(OrderIndex.Hold(code.Trim()), IndexOperator.GreaterOrEqual, string.Empty);
        var rows = await storage.QueryIndexAsync(new IndexQuery(OrderIndex.GrainType, [filter]) { AfterKey = afterKey, Limit = limit }, cancellationToken);
        var access = CallerAccess.From(http.User);
        return TypedResults.Ok(new OrderListResponse(rows.Select(r => OrderQueries.ToSummary(r, access)).ToList(), OrderCursor.Next(rows, limit)));
    }

    private static async Task<Ok<SummaryReportDto>> SummaryAsync(IGrainStorage storage, TimeProvider time, CancellationToken cancellationToken, DateTimeOffset? from = null, DateTimeOffset? to = null)
    {
        var end = to ?? time.GetUtcNow();
        DateTimeOffset start;
        if (from is { } given)
        {
            start = given;
        }
        else if (end.UtcDateTime - DateTime.MinValue < DefaultPeriod)
        {
            // The default period would begin before the calendar does.
            throw Invalid("to", $"must be at least {DefaultPeriod.TotalDays:0} days after 0001-01-01 when from is not given");
        }
        else
        {
            // In UTC: in the caller's offset the start could fall before 0001-01-01 on the clock though not in UTC.
            start = end.ToUniversalTime() - DefaultPeriod;
        }

        var validator = new Validator();
        validator.TimeRange(start, end);
        validator.ThrowIfInvalid();

        var rows = await OrderIndexScanner.ScanAsync(storage, OrderIndexScanner.Between(OrderIndex.PlacedAt, start, end), cancellationToken);
        return TypedResults.Ok(SummaryReport.Build(await SplitOrders.AsCustomerOrdersAsync(storage, rows, cancellationToken), start, end));
    }

    private static async Task<Results<Ok<ReconciliationDto>, ContentHttpResult>> ReconciliationAsync(IGrainStorage storage, TimeProvider time, IOptions<ApiOptions> options, CancellationToken cancellationToken, DateOnly? date = null, string? format = null)
    {
        var validator = new Validator();
        if (format is not null and not ("csv" or "json"))
        {
            validator.Add("format", "must be csv or json");
        }

        var zone = options.Value.FindReportTimeZone()!;
        var day = date ?? ReconciliationReport.Today(time.GetUtcNow(), zone);

        // The day runs to the next midnight there, which the calendar's last day does not have (nor its first, east of UTC).
        var bounds = ReconciliationReport.DayBounds(day, zone);
        if (bounds is null)
        {
            validator.Add("date", $"must be a day the calendar holds whole in {zone.Id} (before 9999-12-31)");
        }

        validator.ThrowIfInvalid();
        var report = await ReconciliationReport.BuildAsync(storage, day, zone, bounds!.Value, cancellationToken);
        return format == "csv" ? TypedResults.Text(ToCsv(report), "text/csv", Encoding.UTF8) : TypedResults.Ok(report);
    }

    private static RequestValidationException Invalid(string field, string message) =>
        new("request.invalid", new Dictionary<string, string[]> { [field] = [message] });

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
