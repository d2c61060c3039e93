using System.Globalization;
using System.Text;

namespace OrderActors.Cli.Rendering;

/// <summary>
/// Text that came from the API (a buyer's name, a note, a reason that quotes a CSV cell), made safe to print on a
/// terminal. Marketplaces and storefronts send what buyers typed, and the API keeps it as it came; printed raw, an
/// escape sequence in a name recoloured, moved the cursor over, retitled or cleared the operator's terminal, and a
/// right-to-left override made a value read backwards. Control and bidirectional-override characters are shown as
/// <c>\u001B</c>-style escapes instead, so the operator sees that they are there.
/// </summary>
public static class TerminalText
{
    /// <summary>
    /// <paramref name="text"/> with every control character except the line break (which a table cell shows as a line
    /// of its own, and <see cref="OneLine"/> escapes) and every bidirectional control written as <c>\uXXXX</c>.
    /// </summary>
    public static string Safe(string text) => Escape(text, keepLineBreaks: true);

    /// <summary>As <see cref="Safe"/>, with line breaks escaped as well: for what must stay one line (an error on stderr).</summary>
    public static string OneLine(string text) => Escape(text, keepLineBreaks: false);

    private static string Escape(string text, bool keepLineBreaks)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.Any(c => IsUnsafe(c, keepLineBreaks)))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            if (IsUnsafe(c, keepLineBreaks))
            {
                safe.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }

    private static bool IsUnsafe(char c, bool keepLineBreaks) =>
        (char.IsControl(c) && !(keepLineBreaks && c == '\n'))
        || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');
}
