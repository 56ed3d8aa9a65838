namespace R1.Rewards.Math;

/// <summary>An answer could not be parsed; the message names the problem and where it is.</summary>
internal sealed class MathParseException(string message) : Exception(message);
