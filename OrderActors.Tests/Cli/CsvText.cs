using System.Text;

namespace OrderActors.Tests.Cli;

/// <summary>An export written as given (any headers, any delimiter), for the import cases <see cref="TaobaoCsv"/> cannot express.</summary>
public static class CsvText
{
    public static string Write(string header, params string[] rows)
    {
        var dir = Path.Combine(Path.GetTempPath(), "orderactors-tests", "csv");
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, $"export-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, string.Join("\n", rows.Prepend(header)) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }
}
