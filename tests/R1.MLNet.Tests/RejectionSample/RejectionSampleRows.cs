namespace R1.MLNet.Tests.RejectionSample;

/// <summary>An input row of the rejection-sampling step tests.</summary>
public sealed class PromptRow
{
    public string Prompt { get; set; } = "";
    public string Answer { get; set; } = "";
    public string TaskType { get; set; } = "";
}

/// <summary>An output row of <c>RejectionSample</c>, as the tests read it back.</summary>
public sealed class SampledRow
{
    public string Prompt { get; set; } = "";
    public string Response { get; set; } = "";
    public string Completion { get; set; } = "";
    public string TaskType { get; set; } = "";
    public int PromptIndex { get; set; }
    public int SampleIndex { get; set; }
    public double Total { get; set; }
    public double[] Scores { get; set; } = [];
    public bool Kept { get; set; }
    public string DropReason { get; set; } = "";
    public string DropDetail { get; set; } = "";
}
