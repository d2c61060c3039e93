using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using OrderActors.Client.Contracts;
using OrderActors.Grains.Orders;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A bare number is not a duration. A TimeSpan reads <c>10</c> as ten days, so a payment hold or an SLA stage written as
/// 10 (meaning minutes) held stock or waited for ten days. The API answers a 400 saying to write a unit; a configured
/// payment hold stops the silo's start with the same advice; TimeSpans (<c>00:30:00</c>) and units (<c>30m</c>) are taken.
/// </summary>
public sealed class BareNumberDurationTests
{
    public static TheoryData<string, string> BareSla => new()
    {
        { "sqlite", "\"10\"" },
        { "postgres", "\"10\"" },
        { "sqlite", "1.5" },
    };

    [Theory]
    [MemberData(nameof(BareSla))]
    public async Task PutSla_StageAsABareNumber_Is400SayingToWriteAUnitAndChangesNothing(string provider, string value)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var before = await admin.GetStringAsync("/api/rules");

        var response = await admin.PutAsync("/api/rules/sla", new StringContent($$"""{"review": "00:20:00", "payment": {{value}}}""", Encoding.UTF8, "application/json"));

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "payment");
        Assert.Equal(Durations.BareNumberProblem, problem.GetProperty("errors").GetProperty("payment")[0].GetString());
        Assert.Equal(before, await admin.GetStringAsync("/api/rules"));
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task PutSla_TimeSpansAndUnits_AreTaken(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();

        var response = await admin.PutAsync("/api/rules/sla", new StringContent("""{"review": "00:20:00", "payment": "45m", "untouched": "2d"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var sla = await admin.GetFromJsonAsync<JsonElement>("/api/rules/sla");
        Assert.Equal(("00:20:00", "00:45:00", "2.00:00:00"), (sla.GetProperty("review").GetString(), sla.GetProperty("payment").GetString(), sla.GetProperty("untouched").GetString()));
    }

    [Fact]
    public async Task ListReminders_DueWithinABareNumber_Is400SayingToWriteAUnit()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        var response = await host.Admin().GetAsync("/api/admin/reminders?dueWithin=10");

        var problem = await ProblemAssert.IsAsync(response, HttpStatusCode.BadRequest, "request.invalid", "dueWithin");
        Assert.Equal(Durations.BareNumberProblem, problem.GetProperty("errors").GetProperty("dueWithin")[0].GetString());
    }

    [Fact]
    public async Task Start_PaymentHoldConfiguredAsABareNumber_FailsSayingToWriteATimeSpan()
    {
        var host = new ApiTestHost(TestDatabases.Sqlite("api"), settings: new Dictionary<string, string?> { ["OrderActors:Orders:PaymentHold"] = "10" });

        var error = Assert.ThrowsAny<Exception>(() => host.Server);

        Assert.Contains(OrderOptions.BareNumberHold, error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Checkout_PaymentHoldConfiguredAsATimeSpan_HoldsTheUnpaidOrderThatLong(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider, settings: new Dictionary<string, string?> { ["OrderActors:Orders:PaymentHold"] = "00:10:00" });
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);

        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("HOLD-10"))).EnsureSuccessStatusCode();

        var order = await admin.GetOrderAsync("own-HOLD-10");
        Assert.Equal(TimeSpan.FromMinutes(10), order.PaymentDueAt - order.PlacedAt);
    }
}
