using OrderActors.Grains.Orders;

namespace OrderActors.Tests.Domain.Orders;

public sealed class PaymentSharesTests
{
    [Fact]
    public void Split_PaymentWithMoreThanCents_SharesStillAddUpExactly()
    {
        var shares = PaymentShares.Split(10.005m, [1m, 1m]);

        Assert.Equal(10.005m, shares.Sum());
        Assert.Equal([5.00m, 5.005m], shares.Order());
    }

    [Fact]
    public void Split_PartsWorthNothing_FirstPartTakesThePayment()
    {
        var shares = PaymentShares.Split(12.34m, [0m, 0m]);

        Assert.Equal([12.34m, 0m], shares);
    }

    [Fact]
    public void Split_ManyUnevenPartsOfTheLargestPayment_NeverNegativeAndAddUpExactly()
    {
        var amounts = Enumerable.Range(1, 200).Select(i => i == 1 ? 0m : i * 1_000_000_007m / 3).ToList();

        var shares = PaymentShares.Split(OrderValidation.MaxAmount, amounts);

        Assert.Equal(OrderValidation.MaxAmount, shares.Sum());
        Assert.All(shares, s => Assert.True(s >= 0 && s == decimal.Round(s, 2)));
        Assert.Equal(0m, shares[0]);
    }
}
