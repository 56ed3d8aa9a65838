using System.ComponentModel;
using Spectre.Console.Cli;

namespace R1.Cli.Commands;

/// <summary>Flags shared by the training verbs.</summary>
internal class TrainSettings : VerbSettings
{
    [CommandOption("--max-steps <N>")]
    [Description("Optimizer steps.")]
    public int? MaxSteps { get; set; }

    [CommandOption("--lr <RATE>")]
    [Description("Learning rate.")]
    public double? LearningRate { get; set; }
}
