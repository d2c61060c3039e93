using System.Collections;
using Spectre.Console;

namespace OrderActors.Cli;

/// <summary>The console, error writer and environment the commands use (replaceable for in-process tests).</summary>
public sealed record CliIo(IAnsiConsole Out, TextWriter Error, IDictionary Environment)
{
    private static readonly AsyncLocal<CliIo?> Override = new();
    private static readonly Lazy<IAnsiConsole> Terminal = new(CreateTerminal);

    public static CliIo Current => Override.Value ?? new CliIo(Terminal.Value, Console.Error, System.Environment.GetEnvironmentVariables());

    public static IDisposable Use(CliIo io)
    {
        Override.Value = io;
        return new Reset();
    }

    /// <summary>Colours only on a terminal (and not with NO_COLOR); when piped, plain text in wide rows so tables stay whole.</summary>
    public static IAnsiConsole CreateTerminal()
    {
        var plain = Console.IsOutputRedirected || !string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("NO_COLOR"));
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = plain ? InteractionSupport.No : InteractionSupport.Detect,
            Out = new AnsiConsoleOutput(Console.Out),
        });
        if (Console.IsOutputRedirected)
        {
            console.Profile.Width = 240;
        }

        return console;
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Override.Value = null;
    }
}
