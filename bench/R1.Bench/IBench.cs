namespace R1.Bench;

/// <summary>A benchmark suite run by name from the command line. Implementations are discovered by reflection.</summary>
public interface IBench
{
    /// <summary>The name given on the command line, for example <c>rewards</c>.</summary>
    string Name { get; }

    /// <summary>Whether <c>all</c> runs it (the 0.5B <c>scale</c> suite and the CUDA <c>gpu-check</c> run only by name).</summary>
    bool InAll => true;

    /// <summary>Runs the suite and prints its figures.</summary>
    Task RunAsync(string[] args);
}
