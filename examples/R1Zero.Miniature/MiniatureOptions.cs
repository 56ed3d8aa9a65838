namespace R1Zero.Miniature;

/// <summary>The main job's settings; every one can be overridden on the command line as <c>--name value</c>.</summary>
public sealed class MiniatureOptions
{
    public int Seed { get; set; } = 7;
    public double SlipRate { get; set; } = 0.6;         // fraction of SFT solutions that add before multiplying
    public int SftSteps { get; set; } = 500;
    public int SftBatch { get; set; } = 64;
    public double SftLr { get; set; } = 3e-3;
    public int GrpoSteps { get; set; } = 40;
    public int Prompts { get; set; } = 32;
    public int Generations { get; set; } = 8;
    public double GrpoLr { get; set; } = 1e-4;
    public double Beta { get; set; } = 0.04;
    public int Mu { get; set; } = 1;
    public double Temperature { get; set; } = 1.0;
    public int MaxCompletion { get; set; } = 40;
    public int HeldOut { get; set; } = 200;
    public int MaxOperand { get; set; } = 9;
    public int EvalEvery { get; set; } = 10;
    public string Output { get; set; } = "artifacts/r1zero-miniature";
    public bool ShuffleRewards { get; set; }
    public int Threads { get; set; } = 1;               // libtorch threads: 1 is fastest for this model size (measured)
    public string? BaseDir { get; set; }                // reuse a pre-trained base model from here (written there when missing)

    /// <summary>The defaults, overridden by <paramref name="args"/> (see <see cref="R1.Synthetic.CommandLineFlags"/>).</summary>
    public static MiniatureOptions Parse(string[] args) => R1.Synthetic.CommandLineFlags.Parse<MiniatureOptions>(args);
}
