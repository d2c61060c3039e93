namespace OrderActors.Cli.Import;

/// <summary>
/// A list in one cell (the <c>promotions</c> and <c>tags</c> columns): entries separated by a semicolon, ASCII <c>;</c> or
/// full-width <c>；</c> (as a Chinese keyboard types it), e.g. <c>满300减50;店铺券</c>. Not a comma: promotion names hold commas
/// (<c>满1,000减100</c>). A semicolon-separated file quotes such a cell, as CSV quotes any cell holding its separator.
/// Entries are trimmed and blanks left out; the service cleans and bounds them as it does a webhook's lists.
/// </summary>
public static class CsvList
{
    private static readonly char[] Separators = [';', '\uFF1B'];

    public static IEnumerable<string> Split(string cell) =>
        cell.Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
