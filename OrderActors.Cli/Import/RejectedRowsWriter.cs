using System.Globalization;
using System.Text;
using CsvHelper;

namespace OrderActors.Cli.Import;

/// <summary>Writes the rejected rows as they were, with a <c>reason</c> column, to <c>&lt;file&gt;.rejected.csv</c> (UTF-8 with BOM, so spreadsheets show Chinese right).</summary>
public static class RejectedRowsWriter
{
    public const string ReasonColumn = "reason";

    public static string PathFor(string file) => file + ".rejected.csv";

    /// <summary>
    /// Fails, as a usage error, when <paramref name="path"/> could not be written: checked before any order is sent, so an
    /// import never creates orders and then loses the list of the ones it rejected. Leaves an existing file as it was.
    /// </summary>
    public static void EnsureWritable(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"{path} is a directory, and an import writes its rejected rows to that name. Move it away and retry; nothing was sent.");
        }

        var existed = File.Exists(path);
        try
        {
            using (new FileStream(path, FileMode.OpenOrCreate, FileAccess.Write, FileShare.ReadWrite))
            {
            }

            if (!existed)
            {
                File.Delete(path);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"cannot write the rejected rows to {path} ({e.Message.ReplaceLineEndings(" ").Trim().TrimEnd('.')}). Nothing was sent.", e);
        }
    }

    /// <summary>Writes the whole list or leaves the file as it was (<see cref="CliFiles.WriteWhole"/>): no half list of rejections.</summary>
    public static void Write(string path, IReadOnlyList<string> headers, IEnumerable<ImportRejection> rejections) =>
        CliFiles.WriteWhole(path, partial => WriteTo(partial, headers, rejections));

    private static void WriteTo(string path, IReadOnlyList<string> headers, IEnumerable<ImportRejection> rejections)
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
