using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrderActors.Runtime.Storage;

namespace OrderActors.Api.Auth;

/// <summary>
/// At start, makes sure an admin key exists: the configured <c>OrderActors:Auth:BootstrapAdminKey</c>, or else (first start only)
/// a generated one written to the admin key file. The key itself is never logged; only the file path is.
/// </summary>
internal sealed partial class BootstrapAdminKeyService(
    ApiKeyStore keys,
    IOptions<AuthOptions> options,
    IConfiguration configuration,
    ILogger<BootstrapAdminKeyService> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var configured = options.Value.BootstrapAdminKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (await keys.EnsureBootstrapAsync(configured, cancellationToken))
            {
                LogConfiguredKey(logger);
            }

            return;
        }

        if (await keys.HasBootstrapAsync(cancellationToken))
        {
            return;
        }

        var key = ApiKeyStore.GenerateKey();
        var configuredPath = options.Value.AdminKeyFile;
        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(configuredPath) ? DefaultKeyFile(configuration) : configuredPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // File first: a crash between the two leaves an unused file that the next start overwrites, never a key nobody has.
        await File.WriteAllTextAsync(path, key + Environment.NewLine, cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        if (await keys.EnsureBootstrapAsync(key, cancellationToken))
        {
            LogGeneratedKey(logger, path);
            Console.WriteLine($"OrderActors: first start: an admin API key was written to {path} (use it in the X-Api-Key header).");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static string DefaultKeyFile(IConfiguration configuration)
    {
        var storage = configuration.GetSection(StorageOptions.SectionName).Get<StorageOptions>() ?? new StorageOptions();
        if (string.Equals(storage.Provider, "sqlite", StringComparison.OrdinalIgnoreCase) && storage.ConnectionString is { } connection)
        {
            var file = connection.Split(';')
                .Select(part => part.Split('=', 2))
                .Where(kv => kv.Length == 2 && kv[0].Trim().Equals("Data Source", StringComparison.OrdinalIgnoreCase))
                .Select(kv => kv[1].Trim())
                .FirstOrDefault();
            if (!string.IsNullOrEmpty(file) && file != ":memory:")
            {
                return Path.Combine(Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".", "admin.key");
            }
        }

        return Path.Combine("data", "admin.key");
    }

    [LoggerMessage(EventId = 5100, Level = LogLevel.Information, Message = "The configured bootstrap admin key is installed")]
    private static partial void LogConfiguredKey(ILogger logger);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "First start: a generated admin API key was written to {Path}")]
    private static partial void LogGeneratedKey(ILogger logger, string path);
}
