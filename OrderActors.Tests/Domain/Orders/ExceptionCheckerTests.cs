using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

public sealed class ExceptionCheckerTests
{
    private static readonly CheckContext Clean = new(StockShort: false, DuplicateOf: null, RecentOrders: 1);

    private static readonly ExceptionRules Rules = new()
    {
        PromotionUnrecognised = new PromotionCheck { KnownPromotions = ["618", "coupon10", "freeship"], AllowedCombinations = [["618", "freeship"]] },
        PriceAnomaly = new PriceAnomalyCheck { ReferencePrices = new Dictionary<string, decimal> { ["SKU-1"] = 100m }, Floors = new Dictionary<string, decimal> { ["SKU-2"] = 20m } },
        Blacklisted = new BlacklistCheck { Phones = ["+86 139-0000-0000"], AddressFragments = ["骗子路"] },
        UnserviceableRegion = new RegionCheck { Regions = ["西藏自治区", "新疆维吾尔自治区/喀什地区"] },
    };

    public static TheoryData<string> Codes => new(HoldCodes.All);

    [Fact]
    public void CheckPlacement_CleanOrder_OpensNoHold()
    {
        var order = Order();

        var found = ExceptionChecker.CheckPlacement(order, 100m, [], Rules, Clean);

        Assert.Empty(found);
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void CheckPlacement_OrderCraftedForCheck_OpensThatHoldOnly(string code)
    {
        var (order, total, approvals, context) = Crafted(code);

        var found = ExceptionChecker.CheckPlacement(order, total, approvals, Rules, context);

        Assert.Equal([code], found.Select(f => f.Code));
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void CheckPlacement_CheckSwitchedOff_OpensNoHold(string code)
    {
        var (order, total, approvals, context) = Crafted(code);

        var found = ExceptionChecker.CheckPlacement(order, total, approvals, SwitchedOff(code), context);

        Assert.Empty(found);
    }

    [Fact]
    public void CheckPlacement_AllowedPromotionCombination_OpensNoHold()
    {
        var order = Order() with { Promotions = ["freeship", "618"] };

        var found = ExceptionChecker.CheckPlacement(order, 100m, [], Rules, Clean);

        Assert.Empty(found);
    }

    [Fact]
    public void CheckAddress_DistrictMissing_IsIncomplete()
    {
        var address = Address with { District = " " };

        var found = ExceptionChecker.CheckAddress(address, "own", Rules);

        Assert.Equal([HoldCodes.AddressIncomplete], found.Select(f => f.Code));
    }

    [Theory]
    [InlineData("shopify")]
    [InlineData("Shopify")]
    public void CheckAddress_DistrictMissingOnAChannelWithoutDistricts_IsComplete(string channel)
    {
        var address = Address with { District = "" };

        var found = ExceptionChecker.CheckAddress(address, channel, Rules);

        Assert.Empty(found);
    }

    [Fact]
    public void CheckAddress_CityMissingOnAChannelWithoutDistricts_SaysWhatItNeeds()
    {
        var address = Address with { City = "", District = "" };

        var found = ExceptionChecker.CheckAddress(address, "shopify", Rules);

        Assert.Equal([new HoldFinding(HoldCodes.AddressIncomplete, "Province, city and a street address are all needed.")], found);
    }

    [Theory]
    [InlineData("13800138000", true)]
    [InlineData("+86 138-0013-8000", true)]
    [InlineData("+1 415 555 0100", true)]
    [InlineData("12345", false)]
    [InlineData("1380013800", false)]
    [InlineData("not a phone", false)]
    public void IsValidPhone_DefaultPattern_AcceptsMobileAndInternationalNumbers(string phone, bool expected)
    {
        var valid = ExceptionChecker.IsValidPhone(phone, new PhoneCheck().Pattern);

        Assert.Equal(expected, valid);
    }

    private static (PlaceOrder Order, decimal Total, IReadOnlyList<string> Approvals, CheckContext Context) Crafted(string code)
    {
        var order = Order();
        return code switch
        {
            HoldCodes.AddressIncomplete => (order with { Address = Address with { Detail = "1号" } }, 100m, [], Clean),
            HoldCodes.PhoneInvalid => (order with { Customer = new CustomerContact("张三", "555-12") }, 100m, [], Clean),
            HoldCodes.PaymentNotReceived => (order with { Channel = "taobao", Paid = true, PaidAmount = 60m }, 100m, [], Clean),
            HoldCodes.InsufficientStock => (order, 100m, [], Clean with { StockShort = true }),
            HoldCodes.SuspectedDuplicate => (order, 100m, [], Clean with { DuplicateOf = "jd-9" }),
            HoldCodes.ApprovalThreshold => (order, 60_000m, ["sales"], Clean),
            HoldCodes.HighFrequencyBuyer => (order, 100m, [], Clean with { RecentOrders = 6 }),
            HoldCodes.BuyerRemark => (order with { BuyerNote = "请加急发货, 谢谢" }, 100m, [], Clean),
            HoldCodes.PromotionUnrecognised => (order with { Promotions = ["618", "coupon10"] }, 100m, [], Clean),
            HoldCodes.PriceAnomaly => (order with { Lines = [new OrderLineRequest("SKU-1", 1, 9.9m)] }, 9.9m, [], Clean),
            HoldCodes.Blacklisted => (order with { Customer = new CustomerContact("李四", "13900000000") }, 100m, [], Clean),
            HoldCodes.UnserviceableRegion => (order with { Address = new ShippingAddress("西藏自治区", "拉萨市", "城关区", "北京中路1号") }, 100m, [], Clean),
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
        };
    }

    private static ExceptionRules SwitchedOff(string code)
    {
        var off = new CheckSwitch { Enabled = false };
        return code switch
        {
            HoldCodes.AddressIncomplete => Rules with { AddressIncomplete = new AddressCheck { Enabled = false } },
            HoldCodes.PhoneInvalid => Rules with { PhoneInvalid = new PhoneCheck { Enabled = false } },
            HoldCodes.PaymentNotReceived => Rules with { PaymentNotReceived = off },
            HoldCodes.InsufficientStock => Rules with { InsufficientStock = off },
            HoldCodes.SuspectedDuplicate => Rules with { SuspectedDuplicate = new DuplicateCheck { Enabled = false } },
            HoldCodes.ApprovalThreshold => Rules with { ApprovalThreshold = off },
            HoldCodes.HighFrequencyBuyer => Rules with { HighFrequencyBuyer = new HighFrequencyCheck { Enabled = false } },
            HoldCodes.BuyerRemark => Rules with { BuyerRemark = new BuyerRemarkCheck { Enabled = false } },
            HoldCodes.PromotionUnrecognised => Rules with { PromotionUnrecognised = Rules.PromotionUnrecognised with { Enabled = false } },
            HoldCodes.PriceAnomaly => Rules with { PriceAnomaly = Rules.PriceAnomaly with { Enabled = false } },
            HoldCodes.Blacklisted => Rules with { Blacklisted = Rules.Blacklisted with { Enabled = false } },
            HoldCodes.UnserviceableRegion => Rules with { UnserviceableRegion = Rules.UnserviceableRegion with { Enabled = false } },
            _ => throw new ArgumentOutOfRangeException(nameof(code), code, null),
        };
    }
}
