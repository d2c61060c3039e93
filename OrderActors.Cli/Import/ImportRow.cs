namespace OrderActors.Cli.Import;

/// <summary>One data row of the CSV: its line number (1 = header), the cells as they were, and the cleaned fields.</summary>
public sealed record ImportRow(int Line, IReadOnlyList<string> Cells, IReadOnlyDictionary<string, string> Fields)
{
    public string Get(string field) => Fields.TryGetValue(field, out var value) ? value : string.Empty;
}
