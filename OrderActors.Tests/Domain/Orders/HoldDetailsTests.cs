using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>
/// The classification of hold details is kept by code, apart from the texts <see cref="ExceptionChecker"/> writes: these
/// tests run every check with recognisable personal data and amounts and fail when a detail names one that its code
/// does not declare.
/// </summary>
public sealed class HoldDetailsTests
{
    private const string Name = "Wang Wu";
    private const string InvalidPhone = "1391234567";
    private const string ValidPhone = "13800138000";
    private const string BlacklistedPhone = "13700000000";
    private const string Street = "Wensan Road 100";
    private const string BlacklistedStreet = "Xingfu Road 88";
    private const string BlacklistedFragment = "Xingfu Road";
    private const decimal Total = 61_234.5m;
    private const decimal Paid = 987.65m;
    private const decimal Price = 4_567.8m;
    private const decimal Floor = 5_678.9m;
    private const decimal Reference = 98_765m;

    private static readonly string[] PersonalTexts = [Name, InvalidPhone, ValidPhone, BlacklistedPhone, Street, BlacklistedStreet, BlacklistedFragment];
    private static readonly string[] AmountTexts = ["61234.5", "987.65", "4567.8", "5678.9", "98765"];

    private static readonly ExceptionRules Rules = new()
    {
        PriceAnomaly = new PriceAnomalyCheck
        {
            ReferencePrices = new Dictionary<string, decimal> { ["SKU-R"] = Reference },
            Floors = new Dictionary<string, decimal> { ["SKU-F"] = Floor },
        },
        Blacklisted = new BlacklistCheck { Phones = [BlacklistedPhone], AddressFragments = [BlacklistedFragment] },
        UnserviceableRegion = new RegionCheck { Regions = ["西藏自治区"] },
        PromotionUnrecognised = new PromotionCheck { KnownPromotions = ["618"] },
    };

    private static readonly CheckContext Clean = new(StockShort: false, DuplicateOf: null, RecentOrders: 1);

    public static TheoryData<string> Sensitive => new() { "phone", "payment", "approval", "price-floor", "price-reference", "blacklisted-address" };

    public static TheoryData<string> All => new() { "phone", "payment", "approval", "price-floor", "price-reference", "blacklisted-address", "blacklisted-phone", "others" };

    [Theory]
    [MemberData(nameof(All))]
    public void Findings_DetailNamingPersonalDataOrAnAmount_HaveACodeThatDeclaresIt(string scenario)
    {
        var findings = Findings(scenario);

        Assert.NotEmpty(findings);
        Assert.All(findings, f =>
        {
            var reveals = HoldDetails.RevealsOf(f.Code);
            Assert.False(Names(f.Detail, PersonalTexts) && (reveals & SensitiveData.PersonalData) == 0, $"{f.Code}: '{f.Detail}' names personal data");
            Assert.False(Names(f.Detail, AmountTexts) && (reveals & SensitiveData.Amounts) == 0, $"{f.Code}: '{f.Detail}' names an amount");
        });
    }

    [Theory]
    [MemberData(nameof(Sensitive))]
    public void Findings_SensitiveScenario_NamesWhatItIsAboutAndItsNeutralDetailDoesNot(string scenario)
    {
        var findings = Findings(scenario);

        Assert.Contains(findings, f => Names(f.Detail, PersonalTexts) || Names(f.Detail, AmountTexts));
        Assert.All(findings, f => Assert.False(Names(HoldDetails.NeutralDetail(f.Code), [.. PersonalTexts, .. AmountTexts])));
    }

    [Fact]
    public void RevealsOf_CodeNotListed_RevealsEverythingAndHasAGenericNeutralDetail()
    {
        var reveals = HoldDetails.RevealsOf("some_new_check");

        Assert.Equal(SensitiveData.All, reveals);
        Assert.Equal("The order is on hold.", HoldDetails.NeutralDetail("some_new_check"));
    }

    [Fact]
    public void RevealsOf_EveryHoldCode_IsListed()
    {
        var unlisted = HoldCodes.All.Where(c => HoldDetails.RevealsOf(c) == SensitiveData.All);

        Assert.Empty(unlisted);
    }

    private static bool Names(string text, string[] values) => values.Any(v => text.Contains(v, StringComparison.Ordinal));

    private static IReadOnlyList<HoldFinding> Findings(string scenario)
    {
        var order = new PlaceOrder
        {
            Channel = "own",
            ExternalOrderNo = "H1",
            Customer = new CustomerContact(Name, ValidPhone),
            Address = new ShippingAddress("浙江省", "杭州市", "西湖区", Street),
            Lines = [new OrderLineRequest("SKU-1", 1, Price)],
            Actor = "test",
        };
        return scenario switch
        {
            "phone" => Check(order with { Customer = new CustomerContact(Name, InvalidPhone) }),
            "payment" => [.. Check(order with { Channel = "taobao", Paid = true, PaidAmount = Paid }, Total), ExceptionChecker.PaymentShort(Paid, Total)],
            "approval" => Check(order, Total, ["sales"]),
            "price-floor" => Check(order with { Lines = [new OrderLineRequest("SKU-F", 1, Price)] }),
            "price-reference" => Check(order with { Lines = [new OrderLineRequest("SKU-R", 1, Price)] }),
            "blacklisted-address" => Check(order with { Address = order.Address with { Detail = BlacklistedStreet } }),
            "blacklisted-phone" => Check(order with { Customer = new CustomerContact(Name, BlacklistedPhone) }),
            "others" => Check(
                order with
                {
                    Address = new ShippingAddress("西藏自治区", "拉萨市", "城关区", "1"),
                    BuyerNote = "urgent please",
                    Promotions = ["unknown-promo"],
                },
                Price,
                [],
                new CheckContext(StockShort: true, DuplicateOf: "jd-9", RecentOrders: 99)),
            _ => throw new ArgumentOutOfRangeException(nameof(scenario), scenario, null),
        };
    }

    private static IReadOnlyList<HoldFinding> Check(PlaceOrder order, decimal total = Price, IReadOnlyList<string>? approvals = null, CheckContext? context = null) =>
        ExceptionChecker.CheckPlacement(order, total, approvals ?? [], Rules, context ?? Clean);
}
