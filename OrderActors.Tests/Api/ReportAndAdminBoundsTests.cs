using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

/// <summary>
/// Query values at the edges of the calendar, of a TimeSpan and of list sizes answer 400 naming the parameter (they
/// answered 500 from an overflow, or were silently clamped), and the values just inside still work. One host: a refused
/// request changes nothing.
/// </summary>
public sealed class ReportAndAdminBoundsTests(SharedApiHost shared) : IClassFixture<SharedApiHost>
{
    public static TheoryData<string, string> Refused => new()
    {
        { "/api/reports/reconciliation?date=9999-12-31", "date" },
        { "/api/reports/reconciliation?date=2026-11-21&format=xml", "format" },
        { "/api/reports/summary?to=0001-01-02T00:00:00Z", "to" },
        { "/api/reports/summary?to=0001-01-30T23:59:59Z", "to" },
        { "/api/reports/summary?from=2026-11-21T00:00:00Z&to=2026-11-20T00:00:00Z", "from" },
        { "/api/exceptions?limit=0", "limit" },
        { "/api/exceptions?limit=1001", "limit" },
        { "/api/admin/reminders?dueWithin=99999999d", "dueWithin" },
        { "/api/admin/reminders?dueWithin=9999999999h", "dueWithin" },
        { "/api/admin/reminders?dueWithin=Infinityd", "dueWithin" },
        { "/api/admin/reminders?dueWithin=3651d", "dueWithin" },
        { "/api/admin/reminders?dueWithin=3650.00:00:01", "dueWithin" },
        { "/api/admin/reminders?dueWithin=soon", "dueWithin" },
        { "/api/admin/reminders?limit=-1", "limit" },
        { "/api/admin/reminders?limit=0", "limit" },
        { "/api/admin/reminders?limit=5001", "limit" },
        { "/api/admin/grains?top=-1", "top" },
        { "/api/admin/grains?top=0", "top" },
        { "/api/admin/grains?top=1001", "top" },
    };

    [Theory]
    [MemberData(nameof(Refused))]
    public async Task Get_OutOfRangeQueryValue_AnswersBadRequestNamingIt(string url, string field)
    {
        var response = await shared.Host.Admin().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<HttpValidationProblemDetails>())!;
        Assert.Equal([field], problem.Errors.Keys);
        Assert.Equal(field, ((JsonElement)problem.Extensions["field"]!).GetString());
    }

    [Fact]
    public async Task Get_ValuesJustInsideTheBounds_Answer()
    {
        var admin = shared.Host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("B-1"))).EnsureSuccessStatusCode();

        var lastDay = await admin.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation?date=9999-12-30");
        var earliest = await admin.GetFromJsonAsync<SummaryReportDto>("/api/reports/summary?to=0001-01-31T00:00:00Z");
        var everything = await admin.GetFromJsonAsync<SummaryReportDto>("/api/reports/summary?from=0001-01-01T00:00:00Z&to=9999-12-31T23:59:59Z");
        var tenYears = await admin.GetFromJsonAsync<List<ReminderDto>>("/api/admin/reminders?dueWithin=3650d&limit=5000");
        var asTimeSpan = await admin.GetFromJsonAsync<List<ReminderDto>>("/api/admin/reminders?dueWithin=3650.00:00:00&limit=1");
        var grains = await admin.GetFromJsonAsync<List<ActivationDto>>("/api/admin/grains?top=1000");
        var exceptions = await admin.GetFromJsonAsync<OrderListResponse>("/api/exceptions?limit=1000");

        Assert.Empty(lastDay!.Channels);
        Assert.Equal(new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero), earliest!.From);
        Assert.Equal(0, earliest.Orders);
        Assert.Equal(1, everything!.Orders);
        Assert.Contains(tenYears!, r => r.GrainKey == "own-B-1");
        Assert.Single(asTimeSpan!);
        Assert.Contains(grains!, a => a.GrainKey == "own-B-1");
        Assert.NotNull(exceptions);
    }
}
