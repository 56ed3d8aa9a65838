namespace R1.Rewards.Math;

/// <summary>A check ran out of its time, size or node budget (see <see cref="MathAccuracyOptions"/>).</summary>
internal sealed class MathBudgetExceededException(string message) : Exception(message);
