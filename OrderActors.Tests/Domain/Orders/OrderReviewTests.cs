using OrderActors.Grains;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class OrderReviewTests
{
    private static readonly ExceptionRules Checks = new()
    {
        HighFrequencyBuyer = new HighFrequencyCheck { MaxOrders = 1 },
        PromotionUnrecognised = new PromotionCheck { KnownPromotions = ["618"] },
        PriceAnomaly = new PriceAnomalyCheck { Floors = new Dictionary<string, decimal> { ["SKU-1"] = 50m } },
        Blacklisted = new BlacklistCheck { Phones = ["13900000009"] },
        UnserviceableRegion = new RegionCheck { Regions = ["西藏自治区"] },
    };

    public static TheoryData<string> Codes => new(HoldCodes.All);

    [Theory]
    [MemberData(nameof(Codes))]
    public async Task PlaceAsync_OrderCraftedForCheck_HoldsUntilReleasedThenAdvances(string code)
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.Rules.PutExceptionsAsync(code == HoldCodes.HighFrequencyBuyer ? Checks : Checks with { HighFrequencyBuyer = new HighFrequencyCheck() }, "admin");
        await cluster.ReceiveAsync("SKU-1", code == HoldCodes.InsufficientStock ? 1 : 100);
        var order = await CraftAsync(cluster, code);

        var placed = await cluster.Order(order).GetAsync();
        var blocked = await Assert.ThrowsAsync<DomainException>(() => cluster.Order(order).AllocateAsync(new AllocateOrder("ops")));
        var unchanged = await cluster.Order(order).GetAsync();
        await ResolveAsync(cluster, order, code);
        var allocated = await cluster.Order(order).AllocateAsync(new AllocateOrder("ops"));

        Assert.Equal([code], placed.Holds.Select(h => h.Code));
        Assert.Equal(code == HoldCodes.ApprovalThreshold ? OrderErrors.ApprovalRequired : OrderErrors.OnHold, blocked.Code);
        Assert.Equal((placed.Version, OrderStatus.Paid), (unchanged.Version, unchanged.Status));
        Assert.Equal(OrderStatus.Allocated, allocated.Status);
        Assert.Empty(allocated.Holds);
    }

    [Fact]
    public async Task ChangeAddressAsync_IncompleteAddressCompleted_ReleasesItsHold()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = Paid("addr") with { Address = Address with { Detail = "" } };
        var placed = await cluster.PlaceAsync(order);

        var fixedAddress = await cluster.Order(order).ChangeAddressAsync(new ChangeAddress(Address, "buyer sent the street", "cs:li"));
        var moved = await cluster.Order(order).ChangeAddressAsync(new ChangeAddress(new ShippingAddress("西藏自治区", "拉萨市", "城关区", "北京中路1号"), "moved", "cs:li"));

        Assert.Equal([HoldCodes.AddressIncomplete], placed.Holds.Select(h => h.Code));
        Assert.Empty(fixedAddress.Holds);
        Assert.Equal(["order.address_changed", "order.hold_released"], (await cluster.Order(order).GetHistoryAsync()).Skip(3).Take(2).Select(h => h.Type));
        Assert.Empty(moved.Holds);
    }

    [Fact]
    public async Task ChangeAddressAsync_ToAnUnservedRegion_OpensItsHold()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.Rules.PutExceptionsAsync(Checks with { HighFrequencyBuyer = new HighFrequencyCheck() }, "admin");
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = Paid("addr2");
        await cluster.PlaceAsync(order);

        var moved = await cluster.Order(order).ChangeAddressAsync(new ChangeAddress(new ShippingAddress("西藏自治区", "拉萨市", "城关区", "北京中路1号"), "moved", "cs:li"));

        Assert.Equal([HoldCodes.UnserviceableRegion], moved.Holds.Select(h => h.Code));
        Assert.Equal(1, moved.RulesVersion);
    }

    [Fact]
    public async Task ApproveAsync_TwoTiers_NeedsSalesThenAdminInOrder()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = Paid("big", new OrderLineRequest("SKU-1", 1, 250_000m));
        await cluster.PlaceAsync(order);

        var wrongRole = await Assert.ThrowsAsync<DomainException>(() => cluster.Order(order).ApproveAsync(new ApproveOrder("admin", "wang")));
        var halfway = await cluster.Order(order).ApproveAsync(new ApproveOrder("sales", "li"));
        var release = await Assert.ThrowsAsync<DomainException>(() => cluster.Order(order).ReleaseHoldAsync(new ReleaseHold(HoldCodes.ApprovalThreshold, "skip", "ops")));
        var approved = await cluster.Order(order).ApproveAsync(new ApproveOrder("admin", "wang", "ok"));

        Assert.Equal((OrderErrors.ApprovalRoleMismatch, DomainErrorKind.Forbidden), (wrongRole.Code, wrongRole.Kind));
        Assert.Equal(["sales", "admin"], halfway.Approval.RequiredRoles);
        Assert.Equal("admin", halfway.Approval.NextRole);
        Assert.Equal(OrderErrors.ApprovalRequired, release.Code);
        Assert.True(approved.Approval.Complete);
        Assert.Empty(approved.Holds);
        Assert.Equal(["li", "wang"], approved.Approval.Granted.Select(g => g.Actor));
    }

    [Fact]
    public async Task ApproveAsync_TwoTiers_TheSecondNeedsAnotherApprover_AndARetryOfTheFirstIsAnsweredAgain()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);
        var order = Paid("big-two", new OrderLineRequest("SKU-1", 1, 250_000m));
        await cluster.PlaceAsync(order);

        var first = await cluster.Order(order).ApproveAsync(new ApproveOrder("sales", "boss"));
        var retry = await cluster.Order(order).ApproveAsync(new ApproveOrder("sales", "boss"));
        var alone = await Assert.ThrowsAsync<DomainException>(() => cluster.Order(order).ApproveAsync(new ApproveOrder("admin", "boss")));
        var halfway = await cluster.Order(order).GetAsync();
        var second = await cluster.Order(order).ApproveAsync(new ApproveOrder("admin", "wang"));

        Assert.Equal(first.Version, retry.Version);
        Assert.Equal((OrderErrors.ApprovalSameApprover, DomainErrorKind.Forbidden), (alone.Code, alone.Kind));
        Assert.Equal((first.Version, "admin"), (halfway.Version, halfway.Approval.NextRole));
        Assert.Equal([HoldCodes.ApprovalThreshold], halfway.Holds.Select(h => h.Code));
        Assert.True(second.Approval.Complete);
        Assert.Equal(["boss", "wang"], second.Approval.Granted.Select(g => g.Actor));
        Assert.Empty(second.Holds);
    }

    [Fact]
    public async Task PlaceAsync_UnderTheFirstTier_IsApprovedAutomatically()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);

        var placed = await cluster.PlaceAsync(Paid("small", new OrderLineRequest("SKU-1", 1, 49_999m)));

        Assert.True(placed.Approval.Complete);
        Assert.Empty(placed.Approval.RequiredRoles);
        Assert.False(placed.Blocked);
    }

    [Fact]
    public async Task PutApprovalAsync_NewTiers_ApplyToTheNextOrder()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.ReceiveAsync("SKU-1", 10);

        var book = await cluster.Rules.PutApprovalAsync(new ApprovalRules { Tiers = [new(1_000m, "finance")] }, "admin");
        var placed = await cluster.PlaceAsync(Paid("mid", new OrderLineRequest("SKU-1", 1, 5_000m)));

        Assert.Equal(1, book.Version);
        Assert.Equal(["finance"], placed.Approval.RequiredRoles);
    }

    [Fact]
    public async Task PutExceptionsAsync_InvalidSet_IsRejectedWholeAndVersionUnchanged()
    {
        await using var cluster = await OrderCluster.StartAsync();
        await cluster.Rules.PutSlaAsync(new SlaRules { Review = TimeSpan.FromMinutes(20) }, "admin");

        var error = await Assert.ThrowsAsync<DomainException>(() => cluster.Rules.PutExceptionsAsync(new ExceptionRules { HighFrequencyBuyer = new HighFrequencyCheck { MaxOrders = 0 } }, "admin"));

        var book = await cluster.Rules.GetAsync();
        Assert.Equal(("validation.out_of_range", "highFrequencyBuyer.maxOrders"), (error.Code, error.Field));
        Assert.Equal(1, book.Version);
        Assert.Equal(5, book.Exceptions.HighFrequencyBuyer.MaxOrders);
        Assert.Equal(TimeSpan.FromMinutes(20), book.Sla.Review);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(31 * 24)]
    public async Task PutExceptionsAsync_DuplicateWindowOutOfRange_IsRejectedNamingTheWindow(int hours)
    {
        await using var cluster = await OrderCluster.StartAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() => cluster.Rules.PutExceptionsAsync(
            new ExceptionRules { SuspectedDuplicate = new DuplicateCheck { Window = TimeSpan.FromHours(hours) } }, "admin"));

        var book = await cluster.Rules.GetAsync();
        Assert.Equal(("validation.out_of_range", "suspectedDuplicate.window"), (error.Code, error.Field));
        Assert.Equal(TimeSpan.FromHours(24), book.Exceptions.SuspectedDuplicate.Window);
        Assert.Equal(0, book.Version);
    }

    private static PlaceOrder Paid(string number, params OrderLineRequest[] lines)
    {
        var order = Order("taobao", number, lines);
        return order with { Paid = true, PaidAmount = order.Lines.Sum(l => l.Quantity * l.UnitPrice), PaymentId = $"pay-{number}" };
    }

    private static async Task<PlaceOrder> CraftAsync(OrderCluster cluster, string code)
    {
        // Each case its own buyer, so the high-frequency and duplicate checks see only their own orders.
        var phone = $"1370000{HoldCodes.All.ToList().IndexOf(code):0000}";
        var order = Paid(code) with { Customer = new CustomerContact("王五", phone) };
        order = code switch
        {
            HoldCodes.AddressIncomplete => order with { Address = Address with { District = "" } },
            HoldCodes.PhoneInvalid => order with { Customer = new CustomerContact("王五", "12-34") },
            HoldCodes.PaymentNotReceived => order with { PaidAmount = 10m },
            HoldCodes.InsufficientStock => order with { Lines = [new OrderLineRequest("SKU-1", 2, 100m)], PaidAmount = 200m },
            HoldCodes.ApprovalThreshold => order with { Lines = [new OrderLineRequest("SKU-1", 1, 60_000m)], PaidAmount = 60_000m },
            HoldCodes.BuyerRemark => order with { BuyerNote = "有投诉, 请联系" },
            HoldCodes.PromotionUnrecognised => order with { Promotions = ["618", "secret-99"] },
            HoldCodes.PriceAnomaly => order with { Lines = [new OrderLineRequest("SKU-1", 1, 5m)], PaidAmount = 5m },
            HoldCodes.Blacklisted => order with { Customer = new CustomerContact("王五", "13900000009") },
            HoldCodes.UnserviceableRegion => order with { Address = new ShippingAddress("西藏自治区", "拉萨市", "城关区", "北京中路1号") },
            _ => order,
        };

        if (code == HoldCodes.SuspectedDuplicate)
        {
            await cluster.PlaceAsync(order with { Channel = "jd", ExternalOrderNo = "dup-first" });
        }

        if (code == HoldCodes.HighFrequencyBuyer)
        {
            await cluster.PlaceAsync(order with { ExternalOrderNo = "freq-first", Lines = [new OrderLineRequest("SKU-1", 3, 100m)], PaidAmount = 300m });
        }

        await cluster.PlaceAsync(order);
        return order;
    }

    private static async Task ResolveAsync(OrderCluster cluster, PlaceOrder order, string code)
    {
        if (code == HoldCodes.ApprovalThreshold)
        {
            await cluster.Order(order).ApproveAsync(new ApproveOrder("sales", "sales:li"));
            return;
        }

        if (code == HoldCodes.InsufficientStock)
        {
            await cluster.ReceiveAsync("SKU-1", 10);
        }

        await cluster.Order(order).ReleaseHoldAsync(new ReleaseHold(code, "checked by phone", "cs:li"));
    }
}
