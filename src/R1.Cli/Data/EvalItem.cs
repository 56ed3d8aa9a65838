using R1.MLNet.Training;

namespace R1.Cli.Data;

/// <summary>A question with its id (from the data, else the row number) and its reference data.</summary>
internal sealed record EvalItem(string Id, ReasoningExample Example);
