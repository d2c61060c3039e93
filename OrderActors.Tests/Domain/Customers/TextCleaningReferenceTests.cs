using System.Globalization;
using System.Text;
using OrderActors.Grains.Customers;

namespace OrderActors.Tests.Domain.Customers;

/// <summary>
/// Phone normalisation and address cleaning work on the stack now; for every input they must give what the earlier
/// StringBuilder versions (kept below as the reference) gave.
/// </summary>
public sealed class TextCleaningReferenceTests
{
    public static TheoryData<string?> Phones() =>
    [
        null, "", " ", "13800138000", "+86 138-0013-8000", "0086 13800138000", "8613800138000", "１３８００１３８０００",
        "(010) 6552-9988", "138001380", "1380013800012", "138-0013-800x", "call me", "0086", "86138", "----",
        "  13800138000  ", "＋８６　１３８－００１３－８０００", "1234567", "123456", "0123456789012345", "012345678901234",
        new string('1', 40), new string('1', 41), "8613800138000 ", "00861380013800", "0086 0086 1380013800",
    ];

    public static TheoryData<string?> Addresses() =>
    [
        null, "", "   ", "星湖街328号创意产业园", "江苏省 苏州市，工业园区！星湖街３２８号", "Room 5B, No.18 Nanjing Rd.",
        "ＡＢＣ－１２３", "a\u200Bb\u3000c", "¥€$ 100% ~~", new string('路', 300) + "，１号", "MiXeD CaSe\tTab\nLine",
    ];

    [Theory]
    [MemberData(nameof(Phones))]
    public void TryNormalize_AnyInput_SameAsTheStringBuilderVersion(string? phone)
    {
        var expectedOk = ReferenceTryNormalize(phone, out var expected);

        var ok = PhoneNumbers.TryNormalize(phone, out var normalized);

        Assert.Equal((expectedOk, expected), (ok, normalized));
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Clean_AnyInput_SameAsTheStringBuilderVersion(string? value)
    {
        var cleaned = AddressSimilarity.Clean(value);

        Assert.Equal(ReferenceClean(value), cleaned);
    }

    [Fact]
    public void Similarity_LongAddresses_SameDistanceOnTheHeapAsOnTheStack()
    {
        var shortLeft = "江苏苏州工业园区星湖街328号";
        var shortRight = "江苏苏州工业园区星湖街329号";
        var longLeft = new string('路', 200) + shortLeft;
        var longRight = new string('路', 200) + shortRight;

        var near = AddressSimilarity.Similarity(shortLeft, shortRight);
        var far = AddressSimilarity.Similarity(longLeft, longRight);

        Assert.Equal(1.0 - (1.0 / shortLeft.Length), near, 10);
        Assert.Equal(1.0 - (1.0 / longLeft.Length), far, 10);
    }

    private static bool ReferenceTryNormalize(string? phone, out string? normalized)
    {
        normalized = null;
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 40)
        {
            return false;
        }

        var digits = new StringBuilder(phone.Length);
        foreach (var raw in phone.Trim())
        {
            var c = raw is >= '０' and <= '９' ? (char)(raw - '０' + '0') : raw;
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '(' or ')' or '.' or '+' or '\u3000' or '＋' or '－'))
            {
                return false;
            }
        }

        var value = digits.ToString();
        if (value.StartsWith("0086", StringComparison.Ordinal))
        {
            value = value[4..];
        }
        else if (value.Length == 13 && value.StartsWith("861", StringComparison.Ordinal))
        {
            value = value[2..];
        }

        var mobile = value.Length == 11 && value[0] == '1';
        var other = value.Length is >= 7 and <= 15 && value[0] != '1';
        if (!mobile && !other)
        {
            return false;
        }

        normalized = value;
        return true;
    }

    private static string ReferenceClean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(value.Length);
        foreach (var raw in value)
        {
            var c = raw switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(raw - 0xFEE0),
                '\u3000' => ' ',
                _ => raw,
            };
            var category = char.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || char.IsPunctuation(c) || char.IsSymbol(c) || category == UnicodeCategory.Format)
            {
                continue;
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }
}
