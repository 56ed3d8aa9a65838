namespace R1.Docs.Tests.Setups;

/// <summary>A row of the pipeline snippets' data: the columns <c>Prompt</c>, <c>Response</c> (the SFT target) and <c>Answer</c>.</summary>
public sealed class QaRow
{
    public string Prompt { get; set; } = "";
    public string Response { get; set; } = "";
    public string Answer { get; set; } = "";
}
