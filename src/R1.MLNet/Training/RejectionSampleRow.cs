namespace R1.MLNet.Training;

/// <summary>
/// One sampled completion of a <see cref="RejectionSampler"/> run, kept or dropped, with its provenance. <see cref="Response"/>
/// is the SFT target for a student that uses the teacher's prompt format; <see cref="Completion"/> is the self-contained text the
/// rewards and filters judged, for a student with another format.
/// </summary>
public sealed record RejectionSampleRow
{
    /// <summary>The index of the prompt in the run's input.</summary>
    public required int PromptIndex { get; init; }

    /// <summary>The index of this sample among the prompt's <see cref="RejectionSamplingOptions.SamplesPerPrompt"/>.</summary>
    public required int SampleIndex { get; init; }

    /// <summary>The question, as in the input.</summary>
    public required string Prompt { get; init; }

    /// <summary>
    /// What follows the teacher's model input (template, generation prompt and completion prefix): the generated text, so SFT with
    /// the teacher's <c>PromptFormat</c> trains exactly the tokens the teacher produced (a template that opens <c>&lt;think&gt;</c> in
    /// the prompt leaves it out here, as the prompt supplies it). For an <c>IChatClient</c> teacher, the same as <see cref="Completion"/>.
    /// </summary>
    public required string Response { get; init; }

    /// <summary>
    /// The completion the rewards and filters judged, self-contained: the completion prefix and, when the teacher's prompt opened
    /// the think block, <c>&lt;think&gt;</c>, followed by the generated text (for an <c>IChatClient</c> teacher, the reasoning wrapped
    /// in <c>&lt;think&gt;…&lt;/think&gt;</c> followed by the reply text). The SFT target for a student with another prompt format.
    /// </summary>
    public required string Completion { get; init; }

    /// <summary>The gold answer of the prompt, if any.</summary>
    public string? Answer { get; init; }

    /// <summary>The test code of the prompt, if any.</summary>
    public string? Tests { get; init; }

    /// <summary>The entry point the tests call, if any.</summary>
    public string? EntryPoint { get; init; }

    /// <summary>The target language of the reasoning, if any.</summary>
    public string? Language { get; init; }

    /// <summary>The prompt's task type, if any.</summary>
    public string? TaskType { get; init; }

    /// <summary>
    /// Each reward's score by reward name, in the pipeline's order; null where it did not apply or is missing (empty for a teacher error).
    /// </summary>
    public IReadOnlyDictionary<string, double?> Scores { get; init; } = new Dictionary<string, double?>();

    /// <summary>The weighted total reward (0 for a teacher error).</summary>
    public double Total { get; init; }

    /// <summary>Whether the sample was kept.</summary>
    public bool Kept { get; init; }

    /// <summary>
    /// Why the sample was dropped (null when kept), one of <see cref="RejectionDropReason"/>'s: <c>teacher-error</c>,
    /// <c>reward:&lt;name&gt;</c>, <c>reward:none-applicable</c>, <c>filter:&lt;name&gt;</c>, <c>duplicate</c>, <c>max-kept</c>.
    /// </summary>
    public string? DropReason { get; init; }

    /// <summary>The detail of the drop: the reward's diagnostic, the filter's reason, the teacher's error (null when kept).</summary>
    public string? DropDetail { get; init; }
}
