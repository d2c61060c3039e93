namespace OrderActors.Bench.Load;

/// <summary>One invariant checked after a scenario.</summary>
public sealed record CheckResult(string Name, bool Passed, string Detail);
