using System.Text;
using System.Text.RegularExpressions;

namespace OrderActors.Api.Auth;

/// <summary>PII masking for callers without PII access: <c>13812345678</c> → <c>138****5678</c>, address detail → <c>****</c>, name → first character.</summary>
public static partial class Masking
{
    public static string? Phone(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return phone;
        }

        if (phone.Length >= 11)
        {
            return string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4));
        }

        return phone.Length >= 7
            ? string.Concat(phone.AsSpan(0, 2), "****", phone.AsSpan(phone.Length - 2))
            : new string('*', phone.Length);
    }

    public static string? Address(string? detail) => string.IsNullOrEmpty(detail) ? detail : "****";

    public static string? Name(string? name) => string.IsNullOrEmpty(name) ? name : string.Concat(name.AsSpan(0, 1), "**");

    /// <summary>
    /// Free text typed by a buyer or a carrier (a buyer note, a scan's description), which cannot be classified the way
    /// hold details are, but often carries a phone number ("call 138 1234 5678 before delivery") or an e-mail address:
    /// a phone number (see the pattern below) is masked as the order's phone is, and an e-mail address keeps the first character of its name and its domain. Names and addresses in
    /// free text cannot be told from other words and stay as written.
    /// </summary>
    public static string? FreeText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text;
        }

        var masked = DigitRun().Replace(text, static m => Phone(Digits(m.ValueSpan))!);
        return Email().Replace(masked, static m => string.Concat(m.ValueSpan[..1], "***", m.Groups["domain"].ValueSpan));
    }

    private static string Digits(ReadOnlySpan<char> run)
    {
        var digits = new StringBuilder(run.Length);
        foreach (var c in run)
        {
            if (c is not (' ' or '-'))
            {
                digits.Append(c);
            }
        }

        return digits.ToString();
    }

    // A phone as written: 7 to 13 digits in one run (a mobile, a landline with its area code, a country code before
    // either), a mobile as 3-4-4 with spaces or hyphens, or a landline as area code-number. Longer runs are order,
    // waybill and payment numbers, which those who may not see phones still need; a date written with hyphens is
    // none of these.
    [GeneratedRegex(@"(?<!\d)(?:1\d{2}[ \-]\d{4}[ \-]\d{4}|0\d{2,3}-\d{7,8}|\d{7,13})(?!\d)", RegexOptions.CultureInvariant)]
    private static partial Regex DigitRun();

    [GeneratedRegex(@"[A-Za-z0-9._%+\-]+(?<domain>@[A-Za-z0-9.\-]+\.[A-Za-z]{2,})", RegexOptions.CultureInvariant)]
    private static partial Regex Email();
}
