using System.Text.Json;
using R1.Rollout.Checkpoints;
using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Models;

/// <summary>
/// A reference fixture: qwen2-tiny/{untied,tied} by variant, or another folder of testdata/fixtures by <see cref="Named"/>
/// (qwen3-tiny, llama3-tiny).
/// </summary>
internal sealed class Fixture
{
    private readonly JsonElement _root;

    public Fixture(string variant) : this(new DirectoryInfo(TestPaths.TestData($"fixtures/qwen2-tiny/{variant}"))) { }

    private Fixture(DirectoryInfo folder)
    {
        Folder = folder.FullName;
        Config = ModelConfig.Load(Folder);
        _root = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "expected.json"))).RootElement;
    }

    /// <summary>The fixture in testdata/fixtures/<paramref name="name"/>.</summary>
    public static Fixture Named(string name) => new(new DirectoryInfo(TestPaths.TestData($"fixtures/{name}")));

    public string Folder { get; }
    public ModelConfig Config { get; }

    public CausalLM LoadModel()
    {
        var model = new CausalLM(Config);
        CheckpointFolder.LoadInto(model, Folder);
        model.eval();
        return model;
    }

    public long[,] Ints(string section, string name) => ToArray2D(_root.GetProperty(section).GetProperty(name));
    public float[] Logits(string section) => _root.GetProperty(section).GetProperty("logits").EnumerateArray().Select(e => e.GetSingle()).ToArray();
    public int[] IntList(string section, string name) =>
        _root.GetProperty(section).GetProperty(name).EnumerateArray().Select(e => e.GetInt32()).ToArray();
    public int Int(string section, string name) => _root.GetProperty(section).GetProperty(name).GetInt32();

    private static long[,] ToArray2D(JsonElement e)
    {
        var rows = e.EnumerateArray().Select(r => r.EnumerateArray().Select(x => x.GetInt64()).ToArray()).ToArray();
        var a = new long[rows.Length, rows[0].Length];
        for (int i = 0; i < rows.Length; i++) for (int j = 0; j < rows[0].Length; j++) a[i, j] = rows[i][j];
        return a;
    }
}
