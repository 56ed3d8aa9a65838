namespace R1.MLNet.Tests.TestSupport;

public sealed class QaRow
{
    public string Prompt { get; set; } = "";
    public string Answer { get; set; } = "";
    public string Noise { get; set; } = "";
}

public sealed class NumericPromptRow
{
    public float Prompt { get; set; }
}
