namespace R1.MLNet.DataView;

/// <summary>One output row of <c>RejectionSample</c>, as ML.NET reads it (see <see cref="RejectionSampleView"/>).</summary>
internal sealed class RejectionSampleOutputRow
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
