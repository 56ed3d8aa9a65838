namespace R1.MLNet.Training;

/// <summary>Held-out evaluation during training: greedy completions scored by the reward pipeline.</summary>
public sealed class PeriodicEvaluationOptions
{
    /// <summary>Evaluate every this many steps (and always at the end); 0 only at the end. Default 0.</summary>
    public int Every { get; set; }

    /// <summary>Held-out examples used per evaluation; 0 uses all. Default 0.</summary>
    public int MaxExamples { get; set; }

    /// <summary>A copy.</summary>
    public PeriodicEvaluationOptions Clone() => (PeriodicEvaluationOptions)MemberwiseClone();

    internal void Validate(string owner)
    {
        if (Every < 0) throw new ArgumentOutOfRangeException(nameof(Every), Every, $"{owner}.Evaluation.Every must not be negative.");
        if (MaxExamples < 0)
            throw new ArgumentOutOfRangeException(nameof(MaxExamples), MaxExamples, $"{owner}.Evaluation.MaxExamples must not be negative.");
    }
}
