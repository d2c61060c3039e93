using OrderActors.Api.Auth;

namespace OrderActors.Tests.Api;

public sealed class MaskingTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("+8613812345678", "+86****5678")]
    [InlineData("1234567", "12****67")]
    [InlineData("123", "***")]
    public void Phone_VariousLengths_HidesTheMiddle(string phone, string expected)
    {
        var masked = Masking.Phone(phone);

        Assert.Equal(expected, masked);
    }

    [Fact]
    public void Address_Detail_IsFullyHidden()
    {
        var masked = Masking.Address("文三路 100 号");

        Assert.Equal("****", masked);
    }
}
