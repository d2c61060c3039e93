using System.Globalization;
using System.Text.Json;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrderActors.Cli.Rendering;

/// <summary>
/// Renders an API answer as tables: an object's plain values as a two-column table, each list of objects inside it as its own
/// table, a top-level list as one table. Works from the JSON itself, so new fields show up without a CLI release.
/// </summary>
public static class JsonView
{
    private const int MaxColumns = 10;

    public static IRenderable Render(JsonElement element, string? title = null, IReadOnlyList<string>? columns = null)
    {
        var parts = new List<IRenderable>();
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                parts.Add(ListTable(element, title, columns));
                break;
            case JsonValueKind.Object:
                AddObject(parts, element, title);
                break;
            default:
                parts.Add(new Text(Scalar(element) + Environment.NewLine));
                break;
        }

        return new Rows(parts);
    }

    public static Table ListTable(JsonElement array, string? title, IReadOnlyList<string>? columns = null)
    {
        var items = array.EnumerateArray().ToList();
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title($"[bold]{Markup.Escape(TerminalText.Safe(title))}[/] ({items.Count})");
        }

        if (items.Count > 0 && items.All(i => i.ValueKind == JsonValueKind.Object))
        {
            var names = columns ?? items.SelectMany(i => i.EnumerateObject().Where(p => IsCell(p.Value)).Select(p => p.Name)).Distinct(StringComparer.Ordinal).Take(MaxColumns).ToList();
            foreach (var name in names)
            {
                table.AddColumn(new TableColumn(Markup.Escape(TerminalText.Safe(name))));
            }

            foreach (var item in items)
            {
                table.AddRow(names.Select(n => (IRenderable)new Text(item.TryGetProperty(n, out var v) ? Cell(v) : string.Empty)).ToArray());
            }

            return table;
        }

        table.AddColumn("value");
        foreach (var item in items)
        {
            table.AddRow(new Text(Cell(item)));
        }

        if (items.Count == 0)
        {
            table.AddRow(new Text("(none)"));
        }

        return table;
    }

    private static void AddObject(List<IRenderable> parts, JsonElement element, string? title)
    {
        var fields = new Table().Border(TableBorder.Rounded).AddColumn("field").AddColumn("value");
        if (title is not null)
        {
            fields.Title($"[bold]{Markup.Escape(TerminalText.Safe(title))}[/]");
        }

        var nested = new List<(string Name, JsonElement Value)>();
        Flatten(element, string.Empty, fields, nested);
        if (fields.Rows.Count > 0)
        {
            parts.Add(fields);
        }

        foreach (var (name, value) in nested)
        {
            if (value.ValueKind == JsonValueKind.Array)
            {
                parts.Add(ListTable(value, name));
            }
            else
            {
                AddObject(parts, value, name);
            }
        }
    }

    private static void Flatten(JsonElement element, string prefix, Table fields, List<(string, JsonElement)> nested)
    {
        foreach (var property in element.EnumerateObject())
        {
            var name = prefix + property.Name;
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.Object && value.EnumerateObject().All(p => IsCell(p.Value) || p.Value.ValueKind == JsonValueKind.Object))
            {
                Flatten(value, name + ".", fields, nested);
            }
            else if (IsCell(value))
            {
                fields.AddRow(new Text(TerminalText.Safe(name)), new Text(Cell(value)));
            }
            else
            {
                nested.Add((name, value));
            }
        }
    }

    /// <summary>Plain values and lists of plain values fit in a cell.</summary>
    private static bool IsCell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => false,
        JsonValueKind.Array => value.EnumerateArray().All(i => i.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)),
        _ => true,
    };

    public static string Cell(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(Cell)),
        JsonValueKind.Object => $"{{{value.EnumerateObject().Count()} fields}}",
        _ => Scalar(value),
    };

    private static string Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => TerminalText.Safe(value.GetString() ?? string.Empty),
        JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
        JsonValueKind.Number => value.TryGetDecimal(out var number) ? number.ToString(CultureInfo.InvariantCulture) : value.GetRawText(),
        _ => value.GetRawText(),
    };
}
