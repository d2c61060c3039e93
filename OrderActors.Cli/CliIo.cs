using System.Collections;
using Spectre.Console;

namespace OrderActors.Cli;

/// <summary>The console, error writer and environment the commands use (replaceable for in-process tests).</summary>
public sealed record CliIo(IAnsiConsole Out, TextWriter Error, IDictionary Environment)
{
    private static readonly AsyncLocal<CliIo?> Override = new();

    public static CliIo Current => Override.Value ?? new CliIo(AnsiConsole.Console, Console.Error, System.Environment.GetEnvironmentVariables());

    public static IDisposable Use(CliIo io)
    {
        Override.Value = io;
        return new Reset();
    }

    private sealed class Reset : IDisposable
    {
        public void Dispose() => Override.Value = null;
    }
}
