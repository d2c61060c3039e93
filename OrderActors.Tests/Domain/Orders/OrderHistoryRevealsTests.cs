using OrderActors.Grains.Orders;
using OrderActors.Grains.Orders.Events;
using OrderActors.Runtime.Journaling;
using static OrderActors.Tests.Domain.Orders.OrderSamples;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>What each history entry's reason and changed fields reveal, so the API can hold them back per role.</summary>
public sealed class OrderHistoryRevealsTests
{
    [Fact]
    public void Build_HoldOpenedNamingThePhone_ReasonRevealsPersonalDataAndItsNeutralFormDoesNot()
    {
        var entries = new[]
        {
            new JournalEntry(1, "order.placed", Placed(T0), "shop", T0, 1),
            new JournalEntry(2, "order.hold_opened", new HoldOpened(HoldCodes.PhoneInvalid, "'1391234567' is not a valid phone number.", T0), "shop", T0, 2),
        };

        var opened = OrderHistory.Build(entries)[1];

        Assert.Equal("phone_invalid: '1391234567' is not a valid phone number.", opened.Reason);
        Assert.Equal(SensitiveData.PersonalData, opened.ReasonReveals);
        Assert.Equal("phone_invalid: The phone number is not valid.", opened.NeutralReason);
    }

    [Fact]
    public void Build_NotesAboutTheAddressOrAnApproval_RevealWhatTheirSubjectDoes()
    {
        var entries = new[]
        {
            new JournalEntry(1, "order.placed", Placed(T0, "sales"), "shop", T0, 1),
            new JournalEntry(2, "order.address_changed", new AddressChanged(Address, Address with { Detail = "太湖大道1号" }, "moved to 太湖大道1号", T0), "cs:li", T0, 2),
            new JournalEntry(3, "order.approved", new ApprovalGranted("sales", "key:s", "fine at 60000", T0), "key:s", T0, 3),
            new JournalEntry(4, "order.hold_released", new HoldReleased(HoldCodes.ApprovalThreshold, "approved by sales", T0), "key:s", T0, 4),
            new JournalEntry(5, "order.paid", new PaymentConfirmed("p", 100m, T0), "alipay", T0, 5),
        };

        var history = OrderHistory.Build(entries);

        Assert.Equal(
            [SensitiveData.None, SensitiveData.PersonalData, SensitiveData.Amounts, SensitiveData.Amounts, SensitiveData.None],
            history.Select(h => h.ReasonReveals));
        Assert.Equal([null, null, null, "approval_threshold: released", null], history.Select(h => h.NeutralReason));
    }

    [Fact]
    public void Build_EveryFieldItWrites_IsClassifiedAndMoneyFieldsRevealAmounts()
    {
        var entries = new object[]
        {
            Placed(T0),
            new AddressChanged(Address, Address with { City = "无锡市", Detail = "太湖大道1号" }, "buyer moved", T0),
            new HoldOpened(HoldCodes.PhoneInvalid, "bad phone", T0),
            new HoldReleased(HoldCodes.PhoneInvalid, "checked", T0),
            new ApprovalGranted("sales", "key:s", null, T0),
            new PaymentConfirmed("p", 100m, T0),
            new OrderAllocated("SZ", T0),
            new OrderShipped("SF", "SF1", T0),
            new OrderRefunded("CN-own-A1", 20m, T0),
            new OrderSplit(["own-A1-1"], null, T0),
            new OrdersMerged(["own-A2"], [], 0m, null, T0),
            new OrderMergedInto("own-A3", T0),
            new OrdersUnmerged(["own-A2"], [], 0m, false, "own-A2 cancelled on the channel", T0),
            new OrderUnmergedFrom("own-A3", "cancelled on the channel", T0),
        }.Select((e, i) => new JournalEntry(i + 1, "order.event", e, "test", T0, i + 1));

        var changes = OrderHistory.Build(entries).SelectMany(h => h.Changes).ToList();

        Assert.All(changes, c => Assert.NotEqual(SensitiveData.All, OrderHistory.FieldReveals(c.Field)));
        Assert.Equal(SensitiveData.Amounts, OrderHistory.FieldReveals(changes.Single(c => c.Field == "creditNote").Field));
        Assert.Equal(SensitiveData.Amounts, OrderHistory.FieldReveals(changes.Single(c => c.Field == "paidAmount").Field));
        Assert.All(changes.Where(c => c.Field.StartsWith("address", StringComparison.Ordinal)), c => Assert.Equal(SensitiveData.PersonalData, OrderHistory.FieldReveals(c.Field)));
    }

    [Fact]
    public void FieldReveals_FieldNotKnown_RevealsEverything()
    {
        var reveals = OrderHistory.FieldReveals("customer.email");

        Assert.Equal(SensitiveData.All, reveals);
    }
}
