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

    [Theory]
    [InlineData("call 13812345678 before delivery", "call 138****5678 before delivery")]
    [InlineData("call 138 1234 5678 or 138-1234-5679", "call 138****5678 or 138****5679")]
    [InlineData("office 0571-88886666, ask for Li", "office 057****6666, ask for Li")]
    [InlineData("mail li.lei@example.com please", "mail l***@example.com please")]
    [InlineData("收件人电话１３８１２３４５６７８", "收件人电话１３８****５６７８")]
    [InlineData("merge with order 2026112112345678901, room 1203, after 2026-12-10", "merge with order 2026112112345678901, room 1203, after 2026-12-10")]
    [InlineData("gift wrap please", "gift wrap please")]
    public void FreeText_PhonesAndEmails_MaskedAndOtherNumbersKept(string text, string expected)
    {
        var masked = Masking.FreeText(text);

        Assert.Equal(expected, masked);
    }
}
