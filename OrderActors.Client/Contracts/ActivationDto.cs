namespace OrderActors.Client.Contracts;

/// <summary>One live activation: grain, mailbox length (waiting + running), idle time and calls served.</summary>
public sealed record ActivationDto(string GrainType, string GrainKey, int QueueLength, double IdleSeconds, long Calls);
