namespace R1.MLNet.Training;

/// <summary>One completion a rejection-sampling teacher produced, or why it could not.</summary>
/// <param name="Response">What follows the teacher's model input (the SFT target under the teacher's prompt format).</param>
/// <param name="Completion">The self-contained completion the rewards and filters judge.</param>
/// <param name="Error">Why the teacher failed on this sample; null when it produced one.</param>
internal sealed record TeacherSample(string Response, string Completion, string? Error = null)
{
    /// <summary>A failed sample.</summary>
    public static TeacherSample Failed(string error) => new("", "", error);
}
