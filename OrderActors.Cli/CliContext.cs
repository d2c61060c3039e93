using System.Text.Json;
using OrderActors.Cli.Rendering;
using OrderActors.Client.Http;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace OrderActors.Cli;

/// <summary>One command's run: the settings, the API client, and where output and errors go.</summary>
public sealed class CliContext(CliSettings settings, IAnsiConsole output, TextWriter error) : IDisposable
{
    private readonly ResponseCapture _capture = new(settings.Timeout);
    private OrderActorsClient? _api;

    public CliSettings Settings { get; } = settings;

    public IAnsiConsole Out { get; } = output;

    public TextWriter Error { get; } = error;

    public bool Json => Settings.Json;

    public OrderActorsClient Api => _api ??= CreateClient();

    /// <summary>The body of the last answer, exactly as the API sent it.</summary>
    public string? LastBody => _capture.LastBody;

    /// <summary>Prints the last answer: its JSON as it came with <c>--json</c>, else as tables under <paramref name="title"/>.</summary>
    /// <remarks>With <paramref name="listProperty"/>, an object answer is shown as the table of that list (e.g. a page's <c>items</c>).</remarks>
    public int PrintLast(string? title = null, IReadOnlyList<string>? columns = null, string? listProperty = null)
    {
        var body = LastBody;
        if (Json)
        {
            Out.Profile.Out.Writer.WriteLine(body ?? string.Empty);
            return ExitCodes.Ok;
        }

        if (string.IsNullOrWhiteSpace(body))
        {
            Out.MarkupLine("[green]done[/]");
            return ExitCodes.Ok;
        }

        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        if (listProperty is not null && root.ValueKind == JsonValueKind.Object && root.TryGetProperty(listProperty, out var list) && list.ValueKind == JsonValueKind.Array)
        {
            root = list;
        }

        if (root.ValueKind == JsonValueKind.Array && root.GetArrayLength() == 0 && title is not null)
        {
            // An empty list was a titled table with a "value" column and a "(none)" row; one line says it plainly.
            // --json (above) prints the API's own empty list.
            WriteRaw($"No {Lowered(TerminalText.Safe(title))} found.");
            return ExitCodes.Ok;
        }

        Out.Write(JsonView.Render(root, title, columns));
        return ExitCodes.Ok;
    }

    /// <summary>"Orders" reads "orders" mid-sentence; "API keys" stays as it is.</summary>
    private static string Lowered(string title) =>
        title.Length > 1 && char.IsUpper(title[0]) && char.IsLower(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;

    /// <summary>Writes text that is this command's own output (not an API answer).</summary>
    public void WriteRaw(string text) => Out.Profile.Out.Writer.WriteLine(text);

    public void Write(IRenderable renderable) => Out.Write(renderable);

    public void Dispose() => _api?.Dispose();

    private OrderActorsClient CreateClient()
    {
        var http = OrderActorsClient.CreateHttpClient(Settings.Url, Settings.ApiKey, _capture);
        http.Timeout = Settings.Timeout;
        return new OrderActorsClient(http);
    }
}
