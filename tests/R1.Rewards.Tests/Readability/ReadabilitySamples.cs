using R1.Rewards.Abstractions;

namespace R1.Rewards.Tests.Readability;

/// <summary>Builds samples for the readability filter tests.</summary>
internal static class ReadabilitySamples
{
    /// <summary>A sample whose chain of thought is <paramref name="cot"/>, followed by <paramref name="answer"/>.</summary>
    public static RewardSample Cot(string cot, string? language = null, string answer = "<answer>42</answer>") => new()
    {
        Prompt = "Question?",
        Completion = $"<think>{cot}</think> {answer}",
        Language = language,
    };

    /// <summary>A sample whose completion is exactly <paramref name="completion"/>.</summary>
    public static RewardSample Raw(string completion, string prompt = "Question?") => new() { Prompt = prompt, Completion = completion };
}
