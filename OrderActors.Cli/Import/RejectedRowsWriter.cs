using System.Globalization;
using System.Text;
using CsvHelper;

namespace OrderActors.Cli.Import;

/// <summary>Writes the rejected rows as they were, with a <c>reason</c> column, to <c>&lt;file&gt;.rejected.csv</c> (UTF-8 with BOM, so spreadsheets show Chinese right).</summary>
public static class RejectedRowsWriter
{
    public const string ReasonColumn = "reason";

    public static string PathFor(string file) => file + ".rejected.csv";

    public static void Write(string path, IReadOnlyList<string> headers, IEnumerable<ImportRejection> rejections)
    {
        ArgumentNullException.ThrowIfNull(headers);
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture);
        foreach (var header in headers)
        {
            csv.WriteField(header);
        }

        csv.WriteField(ReasonColumn);
        csv.NextRecord();
        foreach (var rejection in rejections)
        {
            foreach (var row in rejection.Rows)
            {
                for (var i = 0; i < headers.Count; i++)
                {
                    csv.WriteField(i < row.Cells.Count ? row.Cells[i] : string.Empty);
                }

                csv.WriteField(rejection.Reason);
                csv.NextRecord();
            }
        }
    }
}
