using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Runtime.Testing;

namespace OrderActors.Tests.Api;

/// <summary>
/// A seller checks the daily reconciliation against marketplace and payment-provider statements, which run by the
/// seller's own calendar day: in China a UTC day is 08:00 to 08:00, so an evening's payments landed on two "days".
/// </summary>
public sealed class ReconciliationTimeZoneTests
{
    // 23:30 in Shanghai on the 21st; an hour later it is the 22nd there, and still the 21st in UTC.
    private static readonly DateTimeOffset LateEvening = new(2026, 11, 21, 15, 30, 0, TimeSpan.Zero);

    [Fact]
    public async Task Reconciliation_ShanghaiTimeZone_PaymentsFallOnTheSellersDay()
    {
        var clock = new ManualTimeProvider(LateEvening);
        await using var host = await ApiTestHost.StartAsync("sqlite", clock, new Dictionary<string, string?> { ["OrderActors:Api:ReportTimeZone"] = "Asia/Shanghai" });
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        await PlaceAndPayAsync(admin, "TZ-1");
        clock.Advance(TimeSpan.FromHours(1));
        await PlaceAndPayAsync(admin, "TZ-2");
        var finance = await host.WithRolesAsync(ApiRoles.Finance);

        var first = (await finance.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation?date=2026-11-21"))!;
        var second = (await finance.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation?date=2026-11-22"))!;
        var today = (await finance.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation"))!;
        var csv = await finance.GetStringAsync("/api/reports/reconciliation?date=2026-11-22&format=csv");

        Assert.Equal([new ReconciliationRowDto("own", 1, 1, 20m, 0, 0m, 0, 20m)], first.Channels);
        Assert.Equal([new ReconciliationRowDto("own", 1, 1, 20m, 0, 0m, 0, 20m)], second.Channels);
        Assert.Equal(("Asia/Shanghai", new DateTimeOffset(2026, 11, 21, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 22, 16, 0, 0, TimeSpan.Zero)), (second.TimeZone, second.From, second.To));
        Assert.Equal(new DateOnly(2026, 11, 22), today.Date);
        Assert.Equal(second.Channels, today.Channels);
        Assert.Equal("date,channel,orders,paid_orders,paid_amount,refunds,refund_amount,credit_notes,net\n2026-11-22,own,1,1,20.00,0,0.00,0,20.00\n", csv);
    }

    [Fact]
    public async Task Reconciliation_DefaultTimeZone_IsUtc()
    {
        var clock = new ManualTimeProvider(LateEvening);
        await using var host = await ApiTestHost.StartAsync("sqlite", clock);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        await PlaceAndPayAsync(admin, "TZ-1");
        clock.Advance(TimeSpan.FromHours(1));
        await PlaceAndPayAsync(admin, "TZ-2");

        var report = (await admin.GetFromJsonAsync<ReconciliationDto>("/api/reports/reconciliation?date=2026-11-21"))!;

        Assert.Equal([new ReconciliationRowDto("own", 2, 2, 40m, 0, 0m, 0, 40m)], report.Channels);
        Assert.Equal(("UTC", new DateTimeOffset(2026, 11, 21, 0, 0, 0, TimeSpan.Zero)), (report.TimeZone, report.From));
    }

    [Fact]
    public async Task Reconciliation_FirstDayOfTheCalendarEastOfUtc_Is400NamingDate()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite", settings: new Dictionary<string, string?> { ["OrderActors:Api:ReportTimeZone"] = "Asia/Shanghai" });

        var response = await host.Admin().GetAsync("/api/reports/reconciliation?date=0001-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"date\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mars/Olympus_Mons")]
    [InlineData(" ")]
    public async Task Start_UnknownTimeZone_FailsNamingTheSetting(string zone)
    {
        var settings = new Dictionary<string, string?> { ["OrderActors:Api:ReportTimeZone"] = zone };

        var error = await Assert.ThrowsAnyAsync<Exception>(() => ApiTestHost.StartAsync("sqlite", settings: settings));

        Assert.Contains("OrderActors:Api:ReportTimeZone", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task PlaceAndPayAsync(HttpClient admin, string number)
    {
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(number))).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/api/orders/own-{number}/payment", new PaymentRequest("pay-" + number, 20m))).EnsureSuccessStatusCode();
    }
}
