using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OrderActors.Tests.Storage;

/// <summary>
/// Runs OrderActors.CrashChild as a real process, collects the appends it acknowledged, and SIGKILLs it once it has
/// acknowledged enough of them (while it is still appending).
/// </summary>
public static class CrashChildProcess
{
    public static async Task<IReadOnlyList<(string Key, long Version)>> RunAndKillAsync(string provider, string connectionString, int killAfterAcks)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "OrderActors.CrashChild.dll");
        Assert.True(File.Exists(dll), $"The crash child is not built beside the tests: {dll}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add(provider);
        start.ArgumentList.Add(connectionString);
        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the crash child.");
        var stderr = new StringBuilder();
        child.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        child.BeginErrorReadLine();
        var acks = new List<(string, long)>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var killed = false;
        try
        {
            while (await child.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                if (TryParseAck(line, out var ack))
                {
                    acks.Add(ack);
                }

                if (!killed && acks.Count >= killAfterAcks)
                {
                    // SIGKILL: no finalizers, no flush, no dispose; whatever was in flight is cut off mid-batch.
                    child.Kill();
                    killed = true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            throw new TimeoutException($"The crash child acknowledged only {acks.Count} appends in 3 minutes. stderr: {stderr}");
        }

        await child.WaitForExitAsync();
        Assert.True(killed, $"The crash child exited on its own (code {child.ExitCode}) after {acks.Count} acks. stderr: {stderr}");
        return acks;
    }

    private static bool TryParseAck(string line, out (string Key, long Version) ack)
    {
        ack = default;
        var parts = line.Split(' ');
        if (parts.Length != 3 || parts[0] != "ack" || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            return false;
        }

        ack = (parts[1], version);
        return true;
    }
}
