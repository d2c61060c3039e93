using System.CommandLine;
using OrderActors.Cli.Rendering;

namespace OrderActors.Cli;

/// <summary>Small helpers to declare commands and attach actions that share one error path.</summary>
public static class CommandBuilder
{
    public static Command Group(string name, string description, params Command[] subcommands)
    {
        var command = new Command(name, description);
        foreach (var subcommand in subcommands)
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    public static Command Command(string name, string description, params Symbol[] symbols)
    {
        var command = new Command(name, description);
        foreach (var symbol in symbols)
        {
            switch (symbol)
            {
                case Option option:
                    command.Options.Add(option);
                    break;
                case Argument argument:
                    command.Arguments.Add(argument);
                    break;
                case Command sub:
                    command.Subcommands.Add(sub);
                    break;
            }
        }

        return command;
    }

    /// <summary>Runs <paramref name="run"/> with a <see cref="CliContext"/>; any failure becomes one line on stderr and its exit code.</summary>
    public static Command Runs(this Command command, Func<ParseResult, CliContext, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var io = CliIo.Current;
            CliSettings? settings = null;
            try
            {
                settings = CliSettings.From(parse, io.Environment);
                using var context = new CliContext(settings, io.Out, io.Error);
                return await run(parse, context, cancellationToken);
            }
            catch (Exception exception) when (cancellationToken.IsCancellationRequested && ErrorReporter.IsInterruption(exception))
            {
                // Ctrl+C: a command that meant to stop there (a watch) returned on its own; this one was cut short.
                io.Error.WriteLine($"error: {ErrorReporter.Interrupted(exception, settings)}");
                return ExitCodes.Interrupted;
            }
            catch (Exception exception) when (exception is not OutOfMemoryException)
            {
                var (code, message) = ErrorReporter.Describe(exception, settings);
                // The message may quote what the API was sent or holds (a ProblemDetails detail): one line, nothing a terminal obeys.
                io.Error.WriteLine($"error: {TerminalText.OneLine(message)}");
                return code;
            }
        });
        return command;
    }

    /// <summary>
    /// An argument that must say something: an empty id was sent as a path with nothing in it, which reached another
    /// endpoint (<c>orders show ""</c> read the order list and failed to read it as an order) or none (405, a bare 404).
    /// </summary>
    public static Argument<string> Argument(string name, string description)
    {
        var argument = new Argument<string>(name) { Description = description };
        argument.Validators.Add(result =>
        {
            if (result.Tokens is [var token] && string.IsNullOrWhiteSpace(token.Value))
            {
                result.AddError($"<{name}> is empty; give a value.");
            }
        });
        return argument;
    }

    public static Option<T> Option<T>(string name, string description, bool required = false) =>
        new(name) { Description = description, Required = required };
}
