namespace R1.Tests.Shared;

/// <summary>A progress sink that calls an action on the reporting thread for each report (<see cref="Progress{T}"/> posts to the pool).</summary>
internal sealed class Inline<T>(Action<T> action) : IProgress<T>
{
    /// <inheritdoc />
    public void Report(T value) => action(value);
}
