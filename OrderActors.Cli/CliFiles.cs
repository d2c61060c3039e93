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
