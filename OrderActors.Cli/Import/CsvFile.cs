using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace OrderActors.Cli.Import;

/// <summary>A marketplace CSV export read into rows: UTF-8 (with or without BOM) or, when it is not valid UTF-8, GB18030/GBK as Chinese back offices export.</summary>
public sealed record CsvFile(IReadOnlyList<string> Headers, IReadOnlyList<ImportRow> Rows, IReadOnlyDictionary<string, int> Columns)
{
    public static CsvFile Read(string path, HeaderMap headerMap)
    {
        ArgumentNullException.ThrowIfNull(headerMap);
        CliFiles.EnsureFile(path);

        var text = Decode(File.ReadAllBytes(path));
        using var reader = new StringReader(text);
        using var csv = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { BadDataFound = null, DetectDelimiter = true });
        if (!csv.Read())
        {
            throw new CliUsageException($"{path} is empty: expected a header row and order rows.");
        }

        var headers = csv.Record!.ToList();
        var columns = headerMap.Resolve(headers);
        var missing = ImportField.Required.Where(f => !columns.ContainsKey(f)).ToList();
        if (missing.Count > 0)
        {
            var wanted = string.Join("; ", missing.Select(f => $"{f} (one of: {string.Join(", ", headerMap.HeadersFor(f))})"));
            throw new CliUsageException($"{path} lacks the column for {wanted}. Map your headers with --columns.");
        }

        var rows = new List<ImportRow>();
        while (csv.Read())
        {
            var cells = csv.Record!;
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }

            var fields = columns.ToDictionary(c => c.Key, c => c.Value < cells.Length ? CsvValue.Clean(cells[c.Value]) : string.Empty, StringComparer.Ordinal);
            rows.Add(new ImportRow(StartLine(csv), cells, fields));
        }

        return new CsvFile(headers, rows, columns);
    }

    /// <summary>The header this file uses for <paramref name="field"/> (the field's own name when the file has no such column).</summary>
    public string ColumnName(string field) =>
        Columns.TryGetValue(field, out var index) && index < Headers.Count ? CsvValue.Clean(Headers[index]) : field;

    /// <summary>
    /// The physical line the current record starts on, as an editor shows it: a quoted field may span lines, so the
    /// record count (<c>Row</c>) falls behind after one. <c>RawRow</c> is the line the record ends on.
    /// </summary>
    private static int StartLine(CsvParser csv)
    {
        var raw = csv.RawRecord.TrimEnd('\r', '\n');
        var breaks = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == '\n' || (raw[i] == '\r' && (i + 1 == raw.Length || raw[i + 1] != '\n')))
            {
                breaks++;
            }
        }

        return csv.RawRow - breaks;
    }

    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }
}
