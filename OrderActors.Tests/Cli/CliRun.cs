using System.Net;
using System.Net.Sockets;
using System.Collections;
using OrderActors.Cli;
using Spectre.Console;

namespace OrderActors.Tests.Cli;

/// <summary>Runs the CLI in-process with captured output and a given environment (for parsing and exit-code tests).</summary>
public static class CliRun
{
    public static async Task<(int ExitCode, string Out, string Error)> RunAsync(IDictionary? environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(output),
        });
        var code = await CliApp.RunAsync(args, new CliIo(console, error, environment ?? new Hashtable()));
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>A loopback URL nothing listens on: a port taken from the system and given back at once.</summary>
    public static string ClosedPortUrl()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }
}
