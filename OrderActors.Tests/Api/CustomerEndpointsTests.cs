using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A customer across channels, for customer service and for campaigns: the profile by phone (any format a checkout
/// takes) and the list by tag. The customer grains and their index entries existed, but nothing in the API read them.
/// </summary>
public sealed class CustomerEndpointsTests
{
    private const string Phone = "13812345678";

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task Profile_TwoOrdersOneCancelled_ListsThemNewestFirstWithSpendNetOfTheCancellation(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 10);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("C-1", quantity: 1, unitPrice: 20m, phone: Phone))).EnsureSuccessStatusCode();
        var other = ApiTestHostExtensions.Checkout("C-2", quantity: 3, unitPrice: 10m, phone: "+86 138-1234-5678") with
        {
            Customer = new CustomerInput("张小三", "+86 138-1234-5678"),
        };
        (await admin.PostAsJsonAsync("/api/orders", other)).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync("/api/orders/own-C-1/cancel", new ReasonRequest("buyer changed their mind"))).EnsureSuccessStatusCode();

        var profile = (await admin.GetFromJsonAsync<CustomerProfileDto>("/api/customers/+86%20138%201234%205678"))!;

        Assert.Equal(Phone, profile.Phone);
        Assert.Equal(["张三", "张小三"], profile.Names);
        Assert.Equal("文三路 100 号", Assert.Single(profile.Addresses).Detail);
        Assert.Equal(2, profile.OrderCount);
        Assert.Equal(["own-C-2", "own-C-1"], profile.Orders.Select(o => o.OrderId));
        Assert.Equal((20m, 20m), (profile.Orders[1].Amount, profile.Orders[1].Refunded));
        Assert.Equal(30m, profile.TotalSpend);
        Assert.Equal(30m, profile.Spend90Days);
        Assert.Empty(profile.Tags);
    }

    [Fact]
    public async Task Profile_RolesWithoutPiiOrAmounts_SeeThemMaskedAndLeftOut()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 5);
        (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout("C-3", unitPrice: 25m, phone: Phone))).EnsureSuccessStatusCode();
        var finance = await host.WithRolesAsync(ApiRoles.Finance);
        var warehouse = await host.WithRolesAsync(ApiRoles.Warehouse);

        var byFinance = (await finance.GetFromJsonAsync<CustomerProfileDto>($"/api/customers/{Phone}"))!;
        var byWarehouse = (await warehouse.GetFromJsonAsync<CustomerProfileDto>($"/api/customers/{Phone}"))!;

        Assert.Equal(("138****5678", "张**", "****", 25m), (byFinance.Phone, byFinance.Names[0], byFinance.Addresses[0].Detail, byFinance.TotalSpend));
        Assert.Equal(25m, byFinance.Orders[0].Amount);
        Assert.Equal((Phone, "张三", (decimal?)null, (decimal?)null), (byWarehouse.Phone, byWarehouse.Names[0], byWarehouse.TotalSpend, byWarehouse.Orders[0].Amount));
    }

    [Fact]
    public async Task Profile_UnknownOrMalformedPhone_Is404Or400NamingIt()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();

        await ProblemAssert.IsAsync(await admin.GetAsync("/api/customers/13900000000"), HttpStatusCode.NotFound, "customer.not_found", null);
        await ProblemAssert.IsAsync(await admin.GetAsync("/api/customers/not-a-phone"), HttpStatusCode.BadRequest, "request.invalid", "phone");
    }

    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task List_ByTag_ListsTheHighValueCustomersOnlyAndPagesWithItsCursor(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        await admin.ReceiveStockAsync("SKU-1", 50);
        foreach (var (no, phone, price) in new[] { ("H-1", "13800000001", 1300m), ("H-2", "13800000002", 5m), ("H-3", "13800000003", 1250m) })
        {
            (await admin.PostAsJsonAsync("/api/orders", ApiTestHostExtensions.Checkout(no, unitPrice: price, phone: phone))).EnsureSuccessStatusCode();
        }

        var first = (await admin.GetFromJsonAsync<CustomerListResponse>("/api/customers?tag=high_value&limit=1"))!;
        var second = (await admin.GetFromJsonAsync<CustomerListResponse>($"/api/customers?tag=high_value&limit=1&cursor={first.NextCursor}"))!;
        var third = (await admin.GetFromJsonAsync<CustomerListResponse>($"/api/customers?tag=high_value&limit=1&cursor={second.NextCursor}"))!;
        var all = (await admin.GetFromJsonAsync<CustomerListResponse>("/api/customers"))!;
        var json = await admin.GetStringAsync("/api/customers?tag=high_value");

        Assert.Equal(("13800000001", 1300m), (first.Items[0].Phone, first.Items[0].TotalSpend));
        Assert.Equal(["high_value"], first.Items[0].Tags);
        Assert.Equal("13800000003", Assert.Single(second.Items).Phone);
        Assert.Empty(third.Items);
        Assert.Null(third.NextCursor);
        Assert.Equal(["13800000001", "13800000002", "13800000003"], all.Items.Select(c => c.Phone));
        Assert.Contains("\"totalSpend\":1300,", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/customers?tag=vip", "tag")]
    [InlineData("/api/customers?limit=0", "limit")]
    [InlineData("/api/customers?cursor=b3duLUEx", "cursor")]
    public async Task List_BadQuery_Is400NamingTheParameter(string url, string field)
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");

        await ProblemAssert.IsAsync(await host.Admin().GetAsync(url), HttpStatusCode.BadRequest, "request.invalid", field);
    }
}
