using System.Net;
using System.Net.Http.Json;
using OrderActors.Client.Contracts;
using OrderActors.Tests.Infrastructure;

namespace OrderActors.Tests.Api;

/// <summary>
/// A two-level approval (sales, then admin, over 200,000) was given whole by one admin key approving twice, and a
/// retried "approve" without a role approved the next level. Each level is now a different approver's, and a retry is
/// answered again.
/// </summary>
public sealed class OrderApprovalTests
{
    [Theory]
    [MemberData(nameof(TestDatabases.Providers), MemberType = typeof(TestDatabases))]
    public async Task TwoLevelApproval_OneKeyCannotGiveBoth_AndARetryChangesNothing(string provider)
    {
        await using var host = await ApiTestHost.StartAsync(provider);
        var admin = host.Admin();
        var sales = await host.WithRolesAsync("sales");
        await admin.ReceiveStockAsync("SKU-APPROVE-2", 5);
        (await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("APPROVE-2", "SKU-APPROVE-2", unitPrice: 250_000m), "approve-2")).EnsureSuccessStatusCode();

        var first = await admin.PostAsJsonAsync("/api/orders/own-APPROVE-2/approve", new ApproveRequest());
        var retry = await admin.PostAsJsonAsync("/api/orders/own-APPROVE-2/approve", new ApproveRequest());
        var alone = await admin.PostAsJsonAsync("/api/orders/own-APPROVE-2/approve", new ApproveRequest("admin"));
        var halfway = await admin.GetOrderAsync("own-APPROVE-2");
        var bySales = await sales.PostAsJsonAsync("/api/orders/own-APPROVE-2/approve", new ApproveRequest("sales"));

        var afterFirst = (await first.Content.ReadFromJsonAsync<OrderDto>())!;
        var afterRetry = (await retry.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(["sales"], afterFirst.Approval.GrantedRoles);
        Assert.Equal(["sales"], afterRetry.Approval.GrantedRoles);
        Assert.Equal(afterFirst.Version, afterRetry.Version);
        var problem = await ProblemAssert.IsAsync(alone, HttpStatusCode.Forbidden, "order.approval_same_approver", null);
        Assert.Contains("needs another person's key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal((afterFirst.Version, false, "approval_threshold"), (halfway.Version, halfway.Approval.Complete, Assert.Single(halfway.Holds).Code));
        Assert.Equal(HttpStatusCode.OK, bySales.StatusCode); // sales was given already: answered again, not a second grant
        Assert.Equal(afterFirst.Version, (await bySales.Content.ReadFromJsonAsync<OrderDto>())!.Version);
    }

    [Fact]
    public async Task TwoLevelApproval_BySalesThenAdmin_Completes()
    {
        await using var host = await ApiTestHost.StartAsync("sqlite");
        var admin = host.Admin();
        var sales = await host.WithRolesAsync("sales");
        await admin.ReceiveStockAsync("SKU-APPROVE-3", 5);
        (await admin.PostCheckoutAsync(ApiTestHostExtensions.Checkout("APPROVE-3", "SKU-APPROVE-3", unitPrice: 250_000m), "approve-3")).EnsureSuccessStatusCode();

        (await sales.PostAsJsonAsync("/api/orders/own-APPROVE-3/approve", new ApproveRequest())).EnsureSuccessStatusCode();
        var byAdmin = await admin.PostAsJsonAsync("/api/orders/own-APPROVE-3/approve", new ApproveRequest());

        var order = (await byAdmin.Content.ReadFromJsonAsync<OrderDto>())!;
        Assert.Equal(HttpStatusCode.OK, byAdmin.StatusCode);
        Assert.True(order.Approval.Complete);
        Assert.Equal(["sales", "admin"], order.Approval.GrantedRoles);
        Assert.Empty(order.Holds);
    }
}
