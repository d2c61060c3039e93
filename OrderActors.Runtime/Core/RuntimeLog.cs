using Microsoft.Extensions.Logging;

namespace OrderActors.Runtime.Core;

/// <summary>The runtime's log messages, with fixed event ids.</summary>
internal sealed partial class RuntimeLog(ILogger logger)
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Warning, Message = "Activation of grain {GrainId} failed")]
    public partial void ActivationFailed(GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "OnDeactivateAsync of grain {GrainId} failed")]
    public partial void DeactivationFailed(GrainId grainId, Exception exception);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Debug, Message = "Grain {GrainId} deactivated ({Reason})")]
    public partial void Deactivated(GrainId grainId, DeactivationReason reason);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Warning, Message = "A timer callback of grain {GrainId} failed")]
    public partial void TimerFailed(GrainId grainId, Exception? exception);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Warning, Message = "Activations still busy at shutdown were abandoned: {Count}")]
    public partial void ShutdownAbandoned(int count);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Reminder {Name} of grain {GrainId} failed; retrying after {RetryDelay}")]
    public partial void ReminderFailed(GrainId grainId, string name, TimeSpan retryDelay, Exception exception);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Polling the reminder table failed")]
    public partial void ReminderPollFailed(Exception exception);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Information, Message = "Silo {SiloId} started with storage provider {Provider}")]
    public partial void SiloStarted(string siloId, string provider);

    [LoggerMessage(EventId = 1202, Level = LogLevel.Information, Message = "Silo {SiloId} stopped")]
    public partial void SiloStopped(string siloId);

    [LoggerMessage(EventId = 1203, Level = LogLevel.Warning, Message = "Silo {StoppedSiloId} did not stop cleanly (last heartbeat {LastHeartbeatAt:o}): work it started from {From:o} to {To:o} is repaired in the background")]
    public partial void UncleanStopFound(string stoppedSiloId, DateTimeOffset lastHeartbeatAt, DateTimeOffset from, DateTimeOffset to);

    [LoggerMessage(EventId = 1204, Level = LogLevel.Information, Message = "Recovery {Recovery} after the unclean stop of silo {StoppedSiloId} (work started {From:o} to {To:o}) took {ElapsedMs:F0} ms: {Examined} examined, {Repaired} repaired, {Failed} failed")]
    public partial void RecoveryFinished(string recovery, string stoppedSiloId, DateTimeOffset from, DateTimeOffset to, double elapsedMs, int examined, int repaired, int failed);

    [LoggerMessage(EventId = 1205, Level = LogLevel.Warning, Message = "Recovery {Recovery} after the unclean stop of silo {StoppedSiloId} did not finish; it runs again after {RetryDelay}, or at the next start")]
    public partial void RecoveryFailed(string recovery, string stoppedSiloId, TimeSpan retryDelay, Exception? exception);

    [LoggerMessage(EventId = 1206, Level = LogLevel.Warning, Message = "Writing the silo run marker failed (heartbeat or stop)")]
    public partial void RunMarkerWriteFailed(Exception exception);

    [LoggerMessage(EventId = 1207, Level = LogLevel.Warning, Message = "Another silo wrote this database's run marker: telling a clean stop from a kill assumes one silo per database")]
    public partial void RunMarkerShared();
}
