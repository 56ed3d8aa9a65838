using R1.Tests.Shared;
using R1.MLNet.Tests.Training;
using R1.MLNet.Training;

// Trains the kill test's GRPO run (KillResumeRun) with a checkpoint every step, printing "step N" after each step.
// Arguments: <checkpoint folder> [slow-write step] [slow-write milliseconds]: before the manifest of that step's checkpoint is
// written, a WRITING marker is put in its temporary folder and the write pauses, so the test can kill the process mid-write.
string directory = args[0];
int slowStep = args.Length > 1 ? int.Parse(args[1]) : 0, slowMs = args.Length > 2 ? int.Parse(args[2]) : 0;
if (slowStep > 0)
    TrainerCheckpoint.BeforeManifest = temp =>
    {
        if (!Path.GetFileName(temp).Contains($"step-{slowStep:D6}", StringComparison.Ordinal)) return;
        File.WriteAllText(Path.Combine(temp, "WRITING"), "");
        Thread.Sleep(slowMs);
    };
var options = KillResumeRun.Options(directory, resume: false);
options.Progress = new StepPrinter();
using var policy = TrainingFixtures.Create(seed: 1);
new GrpoTrainer(policy, TrainingFixtures.Scorer(new DigitFractionReward()), options, TrainingFixtures.Compact).Train(TrainingFixtures.Prompts);
Console.WriteLine("done");

internal sealed class StepPrinter : IProgress<GrpoStepMetrics>
{
    public void Report(GrpoStepMetrics value) => Console.WriteLine($"step {value.Step}");
}
