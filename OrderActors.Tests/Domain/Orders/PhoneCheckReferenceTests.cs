using System.Text.RegularExpressions;
using OrderActors.Grains.Orders;
using OrderActors.Grains.Rules;

namespace OrderActors.Tests.Domain.Orders;

/// <summary>The phone check matches its pattern on a span now; for any phone and pattern it must answer as the string version did.</summary>
public sealed class PhoneCheckReferenceTests
{
    public static TheoryData<string?, string> Cases()
    {
        string?[] phones =
        [
            null, "", "  ", "13800138000", "+86 138-0013-8000", "(+86) 138 0013 8000", "+1 415 555 0100", "12345", "not a phone",
            "138\t00138000", "１３８００１３８０００", "---", "+861380013800", new string('1', 300), "1380013800x",
        ];
        string[] patterns = [new PhoneCheck().Pattern, @"^\d{11}$", @"^\(?\d+", @"^$", @"\d{3}-\d{4}"];
        var data = new TheoryData<string?, string>();
        foreach (var phone in phones)
        {
            foreach (var pattern in patterns)
            {
                data.Add(phone, pattern);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void IsValidPhone_AnyPhoneAndPattern_SameAsTheStringVersion(string? phone, string pattern)
    {
        var expected = !string.IsNullOrWhiteSpace(phone)
            && Regex.IsMatch(new string(phone.Where(c => c is not (' ' or '-' or '(' or ')')).ToArray()), pattern, ExceptionChecker.PhonePatternOptions, Regex.InfiniteMatchTimeout);

        var valid = ExceptionChecker.IsValidPhone(phone, pattern);

        Assert.Equal(expected, valid);
    }
}
