using System.Text.Json;
using OrderActors.Cli;

namespace OrderActors.Tests.Cli;

/// <summary>
/// The README's run command (<c>dotnet run --project OrderActors.Silo</c>) listens where its launch profile says, and
/// the CLI run with no <c>--url</c> must find it there: they disagreed (5296 and 5000), so a newcomer's first CLI
/// command after starting the silo answered "cannot connect".
/// </summary>
public sealed class CliDefaultUrlTests
{
    [Fact]
    public void DefaultUrl_IsWhereTheReadmeRunCommandListens()
    {
        using var settings = JsonDocument.Parse(File.ReadAllText(LaunchSettingsPath()));
        var profiles = settings.RootElement.GetProperty("profiles");

        var http = profiles.GetProperty("http").GetProperty("applicationUrl").GetString();
        var https = profiles.GetProperty("https").GetProperty("applicationUrl").GetString()!.Split(';');

        Assert.Equal(CliOptions.DefaultUrl, http);
        Assert.Contains(CliOptions.DefaultUrl, https);
    }

    private static string LaunchSettingsPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "OrderActors.Silo", "Properties", "launchSettings.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("OrderActors.Silo/Properties/launchSettings.json not found above " + AppContext.BaseDirectory);
    }
}
