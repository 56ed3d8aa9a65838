namespace R1.MLNet.Training;

/// <summary>The stable drop reasons of <see cref="RejectionSampleRow.DropReason"/>, in the order the checks run.</summary>
public static class RejectionDropReason
{
    /// <summary>The teacher failed to produce the sample (an <c>IChatClient</c> request that threw or timed out).</summary>
    public const string TeacherError = "teacher-error";

    /// <summary>None of the <see cref="RejectionSamplingOptions.MinScores"/> rewards applies to the sample.</summary>
    public const string NoneApplicable = "reward:none-applicable";

    /// <summary>The sample repeats a completion already kept for the same prompt.</summary>
    public const string Duplicate = "duplicate";

    /// <summary>The prompt already has <see cref="RejectionSamplingOptions.MaxKeptPerPrompt"/> kept samples.</summary>
    public const string MaxKept = "max-kept";

    /// <summary>The total reward is below <see cref="RejectionSamplingOptions.MinTotal"/> or incomplete.</summary>
    public const string Total = "reward:total";

    /// <summary>The reward named <paramref name="name"/> is below its minimum or missing: <c>reward:&lt;name&gt;</c>.</summary>
    public static string Reward(string name) => "reward:" + name;

    /// <summary>The readability filter named <paramref name="name"/> failed: <c>filter:&lt;name&gt;</c>.</summary>
    public static string Filter(string name) => "filter:" + name;
}
