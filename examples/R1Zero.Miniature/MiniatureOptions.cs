using System.Globalization;

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

    public static MiniatureOptions Parse(string[] args)
    {
        var o = new MiniatureOptions();
        var props = typeof(MiniatureOptions).GetProperties().ToDictionary(p => ToFlag(p.Name), StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < args.Length; i++)
        {
            string flag = args[i].TrimStart('-');
            if (!props.TryGetValue(flag, out var prop))
                throw new ArgumentException($"Unknown option '{args[i]}'. Options: {string.Join(", ", props.Keys.Select(k => "--" + k))}.");
            if (prop.PropertyType == typeof(bool)) { prop.SetValue(o, true); continue; }
            if (i + 1 >= args.Length) throw new ArgumentException($"Option '{args[i]}' needs a value.");
            prop.SetValue(o, Convert.ChangeType(args[++i], prop.PropertyType, CultureInfo.InvariantCulture));
        }
        return o;
    }

    private static string ToFlag(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
