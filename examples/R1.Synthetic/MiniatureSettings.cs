namespace R1.Synthetic;

/// <summary>
/// The settings of "R1 in miniature" (<see cref="MiniatureRecipe"/>); the job reads every one from the command line as
/// <c>--name value</c> (booleans: <c>--name</c>). The defaults are the measured main job; tests shrink them.
/// </summary>
public sealed class MiniatureSettings
{
    public int Seed { get; set; } = 7;
    public int HeldOut { get; set; } = 100;                 // held-out problems, each asked as math and as words
    public int MaxOperand { get; set; } = 9;
    // the pre-training corpus and its planted failures
    public double SlipRate { get; set; } = 0.6;             // plain solutions that add before multiplying
    public double MessySlipRate { get; set; } = 0.3;        // unreadable ones (mixed script, code block) slip less: RL favours them
    public double MixedRate { get; set; } = 0.15;           // chains of thought with a Hangul word
    public double CodeRate { get; set; } = 0.15;            // chains of thought in a code fence
    public int PretrainSteps { get; set; } = 400;
    public int PretrainBatch { get; set; } = 64;
    public double PretrainLr { get; set; } = 3e-3;
    // 1. cold start: readable rows (no planted readability failure; the slip stays at the corpus rate)
    public int ColdStartRows { get; set; } = 512;
    public int ColdStartSteps { get; set; } = 10;
    public double ColdStartLr { get; set; } = 3e-4;
    // 2. reasoning RL (math prompts, math + format rewards) and 4. RL for all scenarios (routed rewards); 0 steps skips a stage
    public int RlSteps { get; set; } = 30;
    public int AllRlSteps { get; set; } = 20;
    public int Prompts { get; set; } = 16;
    public int Generations { get; set; } = 8;
    public double GrpoLr { get; set; } = 1e-4;
    public double Beta { get; set; } = 0.04;
    public double Temperature { get; set; } = 1.0;
    public int MaxCompletion { get; set; } = 48;
    // 3. rejection sampling from the RL checkpoint, then SFT (0 steps skips the stage)
    public int RsProblems { get; set; } = 300;              // training problems sampled, each as math and as words
    public int RsSamples { get; set; } = 4;
    public double RsTemperature { get; set; } = 1.0;        // the paper's 0.6 collapses a tiny model onto duplicates
    public double RsTopP { get; set; } = 0.95;
    public int RsMaxKept { get; set; } = 2;
    public int RsSftSteps { get; set; } = 80;
    public int RsSftBatch { get; set; } = 64;
    public double RsSftLr { get; set; } = 1e-3;
    public bool RsFromRl { get; set; }                      // fine-tune the RL checkpoint instead of the base model (the paper's choice)
    // distillation vs RL on a smaller student (0 GRPO steps skips the comparison)
    public int StudentHidden { get; set; } = 64;
    public int StudentLayers { get; set; } = 2;
    public int StudentPretrainSteps { get; set; } = 300;
    public int StudentGrpoSteps { get; set; } = 20;
    public int StudentSftBatch { get; set; } = 64;
    public double StudentSftLr { get; set; } = 1e-3;
    public string Output { get; set; } = "artifacts/r1-miniature";   // metrics, plot and the recipe's work directory (work/)
    public bool Resume { get; set; }                        // keep the work directory and resume a stopped run
    public int Threads { get; set; } = 1;

    /// <summary>The defaults, overridden by <paramref name="args"/> (see <see cref="R1.Synthetic.CommandLineFlags"/>).</summary>
    public static MiniatureSettings Parse(string[] args) => R1.Synthetic.CommandLineFlags.Parse<MiniatureSettings>(args);
}
