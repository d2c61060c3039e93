namespace OrderActors.Cli.Import;

/// <summary>
/// Cleans a cell of a marketplace export: Taobao and others wrap numbers as <c>="1234567890123"</c> or prefix a tab or an
/// apostrophe so spreadsheets keep long order numbers exact; a UTF-8 byte order mark may stick to the first header.
/// </summary>
public static class CsvValue
{
    public static string Clean(string? value)
    {
        if (value is null)
        {
            return string.Empty;
        }

        var text = value.Trim().Trim('\uFEFF', '\t').Trim();
        if (text.StartsWith("=\"", StringComparison.Ordinal) && text.EndsWith('"') && text.Length >= 3)
        {
            text = text[2..^1];
        }

        if (text.StartsWith('\''))
        {
            text = text[1..];
        }

        return text.Trim();
    }
}
