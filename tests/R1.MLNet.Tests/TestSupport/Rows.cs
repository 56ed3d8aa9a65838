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

public sealed class PairRow
{
    public string Prompt { get; set; } = "";
    public string Response { get; set; } = "";
}

public sealed class ReasonedRow
{
    public string Prompt { get; set; } = "";
    public string Completion { get; set; } = "";
    public string Reasoning { get; set; } = "";
    public string Answer { get; set; } = "";
}

public sealed class Question
{
    public string Prompt { get; set; } = "";
}

public sealed class Reply
{
    public string Completion { get; set; } = "";
    public string Reasoning { get; set; } = "";
    public string Answer { get; set; } = "";
}
