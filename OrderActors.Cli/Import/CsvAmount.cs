using System.Globalization;
using System.Text.RegularExpressions;

namespace OrderActors.Cli.Import;

/// <summary>
/// An amount as an export writes it: digits with a decimal point, and commas only as well-formed thousands separators
/// (<c>1,299.00</c>). A comma anywhere else is refused rather than dropped: <c>10,50</c> from a semicolon-delimited,
/// comma-decimal file would otherwise be read as 1050.
/// </summary>
public static partial class CsvAmount
{
    public static bool TryParse(string text, out decimal amount)
    {
        amount = 0m;
        return text is not null
            && Shape().IsMatch(text)
            && decimal.TryParse(text.Replace(",", string.Empty, StringComparison.Ordinal), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out amount);
    }

    /// <summary>Why <paramref name="text"/> is not an amount, for a rejection naming <paramref name="column"/>.</summary>
    public static string Problem(string column, string text) =>
        text.Contains(',', StringComparison.Ordinal)
            ? $"{column} '{text}' is not an amount: a comma is read only between thousands (1,299.00), never as a decimal point"
            : $"{column} '{text}' is not a non-negative number";

    [GeneratedRegex(@"^(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
