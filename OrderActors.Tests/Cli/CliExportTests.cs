using System.Text;

namespace OrderActors.Tests.Cli;

/// <summary>
/// <c>export reconciliation --out</c> writes the whole file or leaves what was there. It wrote straight to the name, so an
/// export cut short (here: the process killed by the kernel's file-size limit part way through writing, as a full disk
/// or a kill would cut it) left a truncated CSV under the day's name, and yesterday's good file was gone.
/// </summary>
public sealed class CliExportTests
{
    [Fact]
    public async Task ExportReconciliation_CutShortWhileWritingTheFile_LeavesTheFileThatWasThere()
    {
        var csv = "date,channel,orders\n" + string.Concat(Enumerable.Range(0, 40_000).Select(i => $"2026-11-21,own-{i:D6},1\n"));
        Assert.True(csv.Length > 3 * 256 * 1024, "the CSV must be well past the limit");
        var answer = $"HTTP/1.1 200 OK\r\nContent-Type: text/csv; charset=utf-8\r\nContent-Length: {csv.Length}\r\nConnection: close\r\n\r\n{csv}";
        await using var listener = new MisbehavingListener(MisbehavingListener.AnswerWith(answer));
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "orderactors-tests", $"export-{Guid.NewGuid():N}")).FullName;
        var file = Path.Combine(folder, "recon.csv");
        await File.WriteAllTextAsync(file, "yesterday's export\n");
        var start = CliProcess.StartInfo(
            new Dictionary<string, string> { ["ORDERACTORS_URL"] = $"http://127.0.0.1:{listener.Port}", ["ORDERACTORS_API_KEY"] = "k" },
            "export", "reconciliation", "--date", "2026-11-21", "--out", file);
        // A file may grow to 256 KiB (the CSV is about 1 MiB): the kernel ends the process part way through the write
        // (SIGXFSZ), with no core file. The runtime's W^X double mapping sizes a file past that limit, and without
        // turning it off the CLI would not start at all.
        start.Environment["DOTNET_EnableWriteXorExecute"] = "0";
        start.ArgumentList.Insert(0, "dotnet");
        start.ArgumentList.Insert(0, "bash");
        start.ArgumentList.Insert(0, "ulimit -c 0 && ulimit -f 256 && exec \"$@\"");
        start.ArgumentList.Insert(0, "-c");
        start.FileName = "bash";

        var result = await CliProcess.RunAsync(start);

        Assert.Equal(128 + 25, result.ExitCode);
        Assert.Equal("yesterday's export\n", await File.ReadAllTextAsync(file, Encoding.UTF8));
        var partial = Assert.Single(Directory.GetFiles(folder, "recon.csv.*.partial"));
        Assert.Equal(256 * 1024, new FileInfo(partial).Length);
        Directory.Delete(folder, recursive: true);
    }
}
