namespace R1.MLNet.Training;

/// <summary>Where <see cref="RejectionSampler"/> gets its completions: a local policy or a chat client.</summary>
internal interface IRejectionTeacher
{
    /// <summary>What identifies the teacher's sampling setup in the output file's fingerprint.</summary>
    string Description { get; }

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first prompt the teacher cannot take.</summary>
    void CheckPrompts(IReadOnlyList<ReasoningExample> prompts);

    /// <summary><c>[i][j]</c>: sample j of prompt i of the batch, whose first prompt has index <paramref name="firstPrompt"/> in the run.</summary>
    IReadOnlyList<IReadOnlyList<TeacherSample>> Sample(IReadOnlyList<ReasoningExample> batch, int batchIndex, int firstPrompt);
}
