using OrderActors.Grains;
using OrderActors.Grains.Customers;

namespace OrderActors.Tests.Domain.Customers;

public sealed class PhoneNumbersTests
{
    [Theory]
    [InlineData("13800138000", "13800138000")]
    [InlineData("+86 138-0013-8000", "13800138000")]
    [InlineData("0086 13800138000", "13800138000")]
    [InlineData("8613800138000", "13800138000")]
    [InlineData("１３８００１３８０００", "13800138000")]
    [InlineData("(010) 6552-9988", "01065529988")]
    public void Normalize_ValidPhone_ReturnsDigitsWithoutCountryPrefix(string input, string expected)
    {
        var normalized = PhoneNumbers.Normalize(input);

        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("138001380")]
    [InlineData("1380013800012")]
    [InlineData("138-0013-800x")]
    [InlineData("call me")]
    public void Normalize_InvalidPhone_ThrowsValidation(string input)
    {
        var error = Assert.Throws<DomainException>(() => PhoneNumbers.Normalize(input));

        Assert.Equal(("customer.invalid_phone", "phone", DomainErrorKind.Validation), (error.Code, error.Field, error.Kind));
    }
}
