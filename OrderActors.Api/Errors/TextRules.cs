using System.Buffers;
using System.Globalization;
using System.Text;

namespace OrderActors.Api.Errors;

/// <summary>
/// The one rule for what text may hold, for every string of an API body (<see cref="TextStringConverter"/>) and for the
/// text a channel sends (<see cref="Clean"/>): no control character (U+0000–U+001F, U+007F–U+009F) and no bidirectional
/// override or isolate (U+202A–U+202E, U+2066–U+2069, which turn the text around on screen). Free text (notes, reasons,
/// comments) may break lines: it keeps tab, line feed, and carriage return when a line feed follows it (a lone CR moves a
/// terminal's cursor back over what was written). Codes are checked more strictly still (<see cref="Validator.PlainCode"/>).
/// </summary>
public static class TextRules
{
    private static readonly SearchValues<char> SingleLine = SearchValues.Create(Forbidden(lineBreaks: false));

    private static readonly SearchValues<char> MultiLine = SearchValues.Create(Forbidden(lineBreaks: true));

    /// <summary>The index of the first character <paramref name="text"/> may not hold, or -1.</summary>
    public static int IndexOfForbidden(ReadOnlySpan<char> text, bool lineBreaks)
    {
        var from = 0;
        while (true)
        {
            var found = text[from..].IndexOfAny(lineBreaks ? MultiLine : SingleLine);
            if (found < 0)
            {
                return -1;
            }

            var at = from + found;
            if (!(lineBreaks && text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n'))
            {
                return at;
            }

            from = at + 2;
        }
    }

    /// <summary>
    /// <paramref name="text"/> with what it may not hold taken out: a control character becomes a space (a line break
    /// or tab between two words stays a gap between them), a bidirectional control is removed (it has no width). The
    /// same string when there is nothing to take out, which is nearly always.
    /// </summary>
    public static string Clean(string text, bool lineBreaks)
    {
        ArgumentNullException.ThrowIfNull(text);
        var first = IndexOfForbidden(text, lineBreaks);
        if (first < 0)
        {
            return text;
        }

        var cleaned = new StringBuilder(text.Length);
        cleaned.Append(text, 0, first);
        var forbidden = lineBreaks ? MultiLine : SingleLine;
        for (var i = first; i < text.Length; i++)
        {
            var c = text[i];
            if (!forbidden.Contains(c) || (lineBreaks && c == '\r' && i + 1 < text.Length && text[i + 1] == '\n'))
            {
                cleaned.Append(c);
            }
            else if (!IsBidiControl(c))
            {
                cleaned.Append(' ');
            }
        }

        return cleaned.ToString();
    }

    /// <summary>Why <paramref name="c"/> is refused, as a field error: <c>must not contain the control character U+0007</c>.</summary>
    public static string Describe(char c) => c switch
    {
        '\0' => "contains the character U+0000 (NUL)",
        _ when IsBidiControl(c) => string.Create(CultureInfo.InvariantCulture, $"must not contain the bidirectional control character U+{(int)c:X4}"),
        '\n' or '\r' or '\t' => string.Create(CultureInfo.InvariantCulture, $"must not contain a line break or tab (U+{(int)c:X4})"),
        _ => string.Create(CultureInfo.InvariantCulture, $"must not contain the control character U+{(int)c:X4}"),
    };

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static string Forbidden(bool lineBreaks)
    {
        var chars = new List<char>();
        for (var c = '\0'; c <= '\u009F'; c++)
        {
            // CR is in the set even for free text: it is allowed only before LF, which IndexOfForbidden looks at.
            if (char.IsControl(c) && !(lineBreaks && c is '\t' or '\n'))
            {
                chars.Add(c);
            }
        }

        chars.AddRange("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069");
        return new string(chars.ToArray());
    }
}
