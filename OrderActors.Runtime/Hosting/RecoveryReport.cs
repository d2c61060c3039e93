namespace OrderActors.Runtime.Hosting;

/// <summary>What one <see cref="IUncleanStopRecovery"/> did for one <see cref="UncleanStop"/>.</summary>
/// <param name="Recovery">The recovery's name.</param>
/// <param name="Stop">The stop it repaired.</param>
/// <param name="Examined">Things looked at (the recovery says what).</param>
/// <param name="Repaired">Things repaired.</param>
/// <param name="Failed">Things it could not look at; more than none leaves the stop to repair again.</param>
public sealed record RecoveryReport(string Recovery, UncleanStop Stop, int Examined, int Repaired, int Failed);
