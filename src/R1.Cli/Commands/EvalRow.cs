using R1.Cli.Data;

namespace R1.Cli.Commands;

/// <summary>An evaluation question as an ML.NET row: the columns <c>Evaluate</c> reads by default.</summary>
internal sealed class EvalRow
{
    public string Prompt { get; set; } = "";

    public string Answer { get; set; } = "";

    public string Tests { get; set; } = "";

    public string EntryPoint { get; set; } = "";

    public static EvalRow From(EvalItem item) => new()
    {
        Prompt = item.Example.Prompt, Answer = item.Example.Answer ?? "", Tests = item.Example.Tests ?? "",
        EntryPoint = item.Example.EntryPoint ?? "",
    };
}
