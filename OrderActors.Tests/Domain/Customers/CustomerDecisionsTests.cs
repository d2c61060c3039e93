using System.Text.Json;
using OrderActors.Grains;
using OrderActors.Grains.Customers;
using OrderActors.Grains.Customers.Events;
using OrderActors.Runtime.Journaling;

namespace OrderActors.Tests.Domain.Customers;

public sealed class CustomerDecisionsTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 11, 0, 5, 0, TimeSpan.Zero);
    private static readonly CustomerAddress Shenzhen = new("广东省", "深圳市", "南山区", "科技园科苑路15号腾讯大厦5楼");
    private static readonly CustomerAddress ShenzhenAsJdWritesIt = new("广东", "深圳市", "南山区", "广东深圳市南山区科苑路15号 腾讯大厦 5楼");
    private static readonly CustomerAddress Hangzhou = new("浙江省", "杭州市", "西湖区", "文三路478号华星时代广场");

    private readonly CustomerState _state = new();

    [Fact]
    public void RecordOrder_SimilarAddressFromAnotherChannel_MatchesTheSameAddress()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 100m);

        var result = Record("jd-1", "jd", ShenzhenAsJdWritesIt, Start.AddDays(3), 100m, sku: "SKU-2");

        Assert.True(result.AddressMatched);
        Assert.True(result.AddressSimilarity >= 0.85);
        Assert.Single(_state.Addresses);
        Assert.False(result.SuspectedDuplicate);
    }

    [Fact]
    public void RecordOrder_DifferentAddress_AddsASecondAddress()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 100m);

        var result = Record("tb-2", "taobao", Hangzhou, Start.AddDays(1), 100m);

        Assert.False(result.AddressMatched);
        Assert.Equal(2, _state.Addresses.Count);
    }

    [Fact]
    public void RecordOrder_SameItemsSimilarAddressOtherChannelWithinWindow_IsSuspectedDuplicate()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);

        var result = Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(2), 199m);

        Assert.True(result.SuspectedDuplicate);
        Assert.Equal(("tb-1", "taobao"), (result.DuplicateOfOrderId, result.DuplicateOfChannel));
    }

    [Fact]
    public void RecordOrder_SameItemsSameChannel_IsNotADuplicate()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);

        var result = Record("tb-2", "taobao", Shenzhen, Start.AddHours(2), 199m);

        Assert.False(result.SuspectedDuplicate);
    }

    [Fact]
    public void RecordOrder_OtherChannelOutsideWindow_IsNotADuplicate()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);

        var result = Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(25), 199m);

        Assert.False(result.SuspectedDuplicate);
    }

    [Fact]
    public void RecordOrder_OtherChannelDifferentItems_IsNotADuplicate()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);

        var result = Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(1), 199m, quantity: 2);

        Assert.False(result.SuspectedDuplicate);
    }

    [Fact]
    public void RecordOrder_SameOrderAgain_ChangesNothingAndAnswersTheSame()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);
        var first = Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(1), 199m);

        var events = CustomerDecisions.RecordOrder(_state, Order("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(1), 199m), Start.AddHours(1));

        Assert.Empty(events);
        Assert.Equal(first with { AlreadyRecorded = true }, CustomerViews.ToResult("13800138000", _state, "jd-9", alreadyRecorded: true));
        Assert.Equal(2, _state.Orders.Count);
    }

    [Fact]
    public void RecordOrder_NoItems_ThrowsValidation()
    {
        var order = Order("tb-1", "taobao", Shenzhen, Start, 10m) with { Items = [] };

        var error = Assert.Throws<DomainException>(() => CustomerDecisions.RecordOrder(_state, order, Start));

        Assert.Equal(("customer.invalid_items", "items"), (error.Code, error.Field));
    }

    [Fact]
    public void Tags_SpendOver1200In90Days_IsHighValueUntilItLeavesTheWindow()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 700m);
        Record("tb-2", "taobao", Shenzhen, Start.AddDays(30), 600m, sku: "SKU-2");

        var atSecond = CustomerTagging.Evaluate(_state.Orders, Start.AddDays(30));
        var afterFirstLeaves = CustomerTagging.Evaluate(_state.Orders, Start.AddDays(91));

        Assert.Equal([CustomerTags.HighValue], atSecond);
        Assert.Empty(afterFirstLeaves);
        Assert.Equal([CustomerTags.HighValue], _state.Tags);
        Assert.Equal(Start.AddDays(90), CustomerTagging.NextChange(_state.Orders, Start.AddDays(30)));
    }

    [Fact]
    public void Tags_Refund_LowersSpendBelowHighValue()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 1500m);

        Apply(CustomerDecisions.RecordRefund(_state, new CustomerRefund("tb-1", "rf-1", 400m, "damaged", "cs"), Start.AddDays(1)));

        Assert.Empty(_state.Tags);
        Assert.Equal(1100m, _state.TotalSpend);
    }

    [Fact]
    public void Tags_NoOrderFor180Days_IsChurnRisk()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 50m);

        var before = CustomerTagging.Evaluate(_state.Orders, Start.AddDays(179));
        var after = CustomerTagging.Evaluate(_state.Orders, Start.AddDays(180));

        Assert.Empty(before);
        Assert.Equal([CustomerTags.ChurnRisk], after);
    }

    [Fact]
    public void ForgetOrder_OrderOthersRepeat_RemovesItAndNoOrderStaysItsDuplicate()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);
        Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(2), 199m);

        Apply(CustomerDecisions.ForgetOrder(_state, new ForgetCustomerOrder("tb-1", "order never stored", "test"), Start.AddHours(3)));

        Assert.Equal(["jd-9"], _state.Orders.Select(o => o.OrderId));
        Assert.Equal(199m, _state.TotalSpend);
        var jd = CustomerViews.ToResult("13800138000", _state, "jd-9", alreadyRecorded: true);
        Assert.False(jd.SuspectedDuplicate);
        Assert.Null(jd.DuplicateOfOrderId);
    }

    [Fact]
    public void ForgetOrder_ItsDuplicateAlsoRepeatsAnOlderOrder_StaysADuplicateOfTheOlderOne()
    {
        Record("pdd-1", "pdd", Shenzhen, Start, 199m);
        Record("tb-1", "taobao", Shenzhen, Start.AddHours(1), 199m); // never stored
        var jdBefore = Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(2), 199m);

        Apply(CustomerDecisions.ForgetOrder(_state, new ForgetCustomerOrder("tb-1", "order never stored", "test"), Start.AddHours(3)));

        var jd = CustomerViews.ToResult("13800138000", _state, "jd-9", alreadyRecorded: true);
        Assert.Equal("tb-1", jdBefore.DuplicateOfOrderId);
        Assert.Equal(["pdd-1", "jd-9"], _state.Orders.Select(o => o.OrderId));
        Assert.Equal((true, "pdd-1", "pdd"), (jd.SuspectedDuplicate, jd.DuplicateOfOrderId, jd.DuplicateOfChannel));
    }

    [Fact]
    public void ForgetOrder_OlderOrderOutsideTheWindowGiven_LeavesItsDuplicateUnlinked()
    {
        Record("pdd-1", "pdd", Shenzhen, Start, 199m);
        Record("tb-1", "taobao", Shenzhen, Start.AddHours(20), 199m); // never stored
        var jdBefore = Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(21), 199m);

        Apply(CustomerDecisions.ForgetOrder(_state, new ForgetCustomerOrder("tb-1", "order never stored", "test", TimeSpan.FromHours(12)), Start.AddHours(22)));

        Assert.Equal("tb-1", jdBefore.DuplicateOfOrderId);
        var jd = CustomerViews.ToResult("13800138000", _state, "jd-9", alreadyRecorded: true);
        Assert.Equal((false, (string?)null), (jd.SuspectedDuplicate, jd.DuplicateOfOrderId));
    }

    [Fact]
    public void OrderForgotten_WrittenBeforeRelinkedExisted_ReadsAndUnlinksItsDuplicates()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);
        Record("jd-9", "jd", ShenzhenAsJdWritesIt, Start.AddHours(2), 199m);
        var stored = JsonSerializer.Deserialize<CustomerOrderForgotten>("""{"orderId":"tb-1","reason":"order never stored"}""", JournalJson.Options)!;

        _state.Apply(stored);

        Assert.Null(stored.Relinked);
        Assert.Equal(["jd-9"], _state.Orders.Select(o => o.OrderId));
        Assert.False(CustomerViews.ToResult("13800138000", _state, "jd-9", alreadyRecorded: true).SuspectedDuplicate);
    }

    [Fact]
    public void ForgetOrder_OrderNotRecorded_ChangesNothing()
    {
        Record("tb-1", "taobao", Shenzhen, Start, 199m);

        var events = CustomerDecisions.ForgetOrder(_state, new ForgetCustomerOrder("tb-404", "order never stored", "test"), Start);

        Assert.Empty(events);
    }

    private CustomerOrderResult Record(string orderId, string channel, CustomerAddress address, DateTimeOffset at, decimal amount, string sku = "SKU-1", int quantity = 1)
    {
        Apply(CustomerDecisions.RecordOrder(_state, Order(orderId, channel, address, at, amount, sku, quantity), at));
        return CustomerViews.ToResult("13800138000", _state, orderId, alreadyRecorded: false);
    }

    private void Apply(IReadOnlyList<object> events)
    {
        foreach (var e in events)
        {
            _state.Apply(e);
        }
    }

    private static CustomerOrder Order(string orderId, string channel, CustomerAddress address, DateTimeOffset at, decimal amount, string sku = "SKU-1", int quantity = 1) =>
        new(orderId, channel, "张三", address, [new CustomerOrderItem(sku, quantity)], amount, at, "test");

    [Fact]
    public void ItemsKey_RepeatedAndPaddedSkusInAnyOrder_SumsPerSkuInOrdinalOrder()
    {
        CustomerOrderItem[] items = [new("b-2", 1), new(" A-1 ", 2), new("a-1", 1), new("B-2", 3), new("b-2 ", 4)];

        var key = CustomerDecisions.ItemsKey(items);

        Assert.Equal("A-1x2;B-2x3;a-1x1;b-2x5", key);
        Assert.Equal(key, CustomerDecisions.ItemsKey(items.Reverse()));
    }

    [Fact]
    public void ItemsKey_OneItemOrNone_IsThatItemOrEmpty()
    {
        Assert.Equal("SKU-7x12", CustomerDecisions.ItemsKey([new CustomerOrderItem("SKU-7", 12)]));
        Assert.Equal(string.Empty, CustomerDecisions.ItemsKey([]));
    }
}
