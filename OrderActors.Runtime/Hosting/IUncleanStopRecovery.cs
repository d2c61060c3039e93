namespace OrderActors.Runtime.Hosting;

/// <summary>
/// Repairs what an <see cref="UncleanStop"/> may have left half done. Registered as a service by the domain; the silo
/// runs every registration in the background after a start that finds an unclean stop (once it takes calls), and again
/// at the next start if it did not finish, so a repair must be idempotent.
/// </summary>
public interface IUncleanStopRecovery
{
    /// <summary>A short name for the logs.</summary>
    string Name { get; }

    /// <summary>Repairs what <paramref name="stop"/> may have left; a report with failures leaves the stop to repair again.</summary>
    Task<RecoveryReport> RecoverAsync(UncleanStop stop, CancellationToken cancellationToken);
}
