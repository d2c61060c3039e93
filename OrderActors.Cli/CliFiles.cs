using System.Text.Json;

namespace OrderActors.Cli;

/// <summary>Files the user names on the command line: what is wrong with one is said plainly, as a usage error.</summary>
public static class CliFiles
{
    /// <summary>Throws a usage error when <paramref name="path"/> is missing or is a directory.</summary>
    public static void EnsureFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new CliUsageException($"{path} is a directory, not a file.");
        }

        if (!File.Exists(path))
        {
            throw new CliUsageException($"file not found: {path}.");
        }
    }

    public static string ReadAllText(string path)
    {
        EnsureFile(path);
        return File.ReadAllText(path);
    }

    /// <summary>
    /// Writes <paramref name="path"/> through <paramref name="write"/> beside it (a <c>.partial</c> file in the same folder,
    /// so the move is a rename on one file system) and then moves the file into place: the file is whole or as it was. A
    /// process ended while writing (Ctrl+C past its grace, a kill, a full disk) leaves no half file under the final name.
    /// </summary>
    public static void WriteWhole(string path, Action<string> write)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(write);
        var partial = $"{path}.{Guid.NewGuid():N}.partial";
        try
        {
            write(partial);
            File.Move(partial, path, overwrite: true);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>A usage error for JSON the parser refused, with the 1-based line and the parser's reason.</summary>
    public static CliUsageException NotJson(string path, JsonException json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var reason = json.Message;
        var position = reason.IndexOf(" LineNumber:", StringComparison.Ordinal);
        reason = (position >= 0 ? reason[..position] : reason).ReplaceLineEndings(" ").Trim().TrimEnd('.');
        return new CliUsageException($"{path} is not valid JSON (line {json.LineNumber + 1}): {reason}.", json);
    }
}
