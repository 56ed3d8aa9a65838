using System.ComponentModel;
using R1.Cli.Configuration;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>The flags of <c>r1 sft</c>.</summary>
internal sealed class SftSettings : TrainSettings
{
    [CommandOption("--epochs <N>")]
    [Description("Passes over the data (when --max-steps is not set). Default 1.")]
    public int? Epochs { get; set; }

    [CommandOption("--batch-size <N>")]
    [Description("Examples per step. Default 16.")]
    public int? BatchSize { get; set; }

    public SftConfig Resolve(R1Config file)
    {
        var c = R1Config.Section(file.Sft, file);
        ApplyTo(c);
        c.MaxSteps = MaxSteps ?? c.MaxSteps;
        c.LearningRate = LearningRate ?? c.LearningRate;
        c.Epochs = Epochs ?? c.Epochs;
        c.BatchSize = BatchSize ?? c.BatchSize;
        return c;
    }
}
