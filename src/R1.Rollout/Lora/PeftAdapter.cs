using System.Text.Json;
using System.Text.Json.Nodes;
using R1.Rollout.Checkpoints;
using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Lora;

/// <summary>
/// A LoRA adapter folder in Hugging Face PEFT's layout: <c>adapter_config.json</c> (<c>peft_type</c> <c>LORA</c>, <c>r</c>,
/// <c>lora_alpha</c>, <c>lora_dropout</c>, <c>target_modules</c>, …) and <c>adapter_model.safetensors</c> holding
/// <c>base_model.model.model.layers.N.self_attn.q_proj.lora_A.weight</c> [r, in] and <c>…lora_B.weight</c> [out, r] for each
/// adapted projection. PEFT (<c>PeftModel.from_pretrained</c>) and vLLM (<c>--enable-lora</c>) load such a folder.
/// </summary>
public static class PeftAdapter
{
    /// <summary>The adapter's configuration file.</summary>
    public const string ConfigFile = "adapter_config.json";

    /// <summary>The adapter's weights file.</summary>
    public const string WeightsFile = "adapter_model.safetensors";

    /// <summary>The subfolder of a saved policy folder that holds its adapter, when it has one (see <see cref="Policy.Save"/>).</summary>
    public const string PolicySubfolder = "adapter";

    /// <summary>Whether <paramref name="folder"/> holds a PEFT adapter (its <see cref="ConfigFile"/>).</summary>
    public static bool Exists(string folder) => File.Exists(Path.Combine(folder, ConfigFile));

    /// <summary>Reads the LoRA settings of the adapter in <paramref name="folder"/>.</summary>
    /// <exception cref="InvalidDataException">The config is missing, not LoRA, or uses a feature this runtime does not implement.</exception>
    public static LoraOptions ReadOptions(string folder)
    {
        ArgumentNullException.ThrowIfNull(folder);
        string path = Path.Combine(folder, ConfigFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"No PEFT adapter in '{folder}': {ConfigFile} is missing.", path);
        JsonObject root;
        try { root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"'{path}' is not a JSON object."); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not valid JSON: {e.Message}", e); }
        Require(root, path, "peft_type", "LORA");
        foreach (var flag in new[] { "fan_in_fan_out", "use_rslora", "use_dora" })
            if (root[flag]?.GetValue<bool>() == true) throw new InvalidDataException($"'{path}': {flag} = true is not supported.");
        if (root["bias"]?.GetValue<string>() is { } bias and not "none")
            throw new InvalidDataException($"'{path}': bias = \"{bias}\" is not supported (only \"none\").");
        var options = new LoraOptions
        {
            Rank = root["r"]?.GetValue<int>() ?? throw new InvalidDataException($"'{path}' has no r."),
            Alpha = root["lora_alpha"]?.GetValue<double>() ?? throw new InvalidDataException($"'{path}' has no lora_alpha."),
            Dropout = root["lora_dropout"]?.GetValue<double>() ?? 0,
            TargetModules = Targets(root["target_modules"], path),
        };
        try { options.Validate(path); }
        catch (ArgumentException e) { throw new InvalidDataException(e.Message, e); }
        return options;
    }

    private static void Require(JsonObject root, string path, string key, string value)
    {
        if (root[key]?.GetValue<string>() != value)
            throw new InvalidDataException($"'{path}': {key} is '{root[key]}', expected '{value}'.");
    }

    private static string[] Targets(JsonNode? node, string path) => node switch
    {
        JsonArray array => array.Select(x => x?.GetValue<string>() ?? "").ToArray(),
        JsonValue v when v.TryGetValue<string>(out var s) =>
            throw new InvalidDataException($"'{path}': target_modules as a regular expression ('{s}') is not supported; list the names."),
        _ => throw new InvalidDataException($"'{path}' has no target_modules list."),
    };

    /// <summary>Writes <c>adapter_config.json</c> and <c>adapter_model.safetensors</c> for the adapters on <paramref name="model"/>.</summary>
    internal static void Write(string folder, CausalLM model, LoraOptions options, string baseModel)
    {
        Directory.CreateDirectory(folder);
        var config = new JsonObject
        {
            ["peft_type"] = "LORA", ["task_type"] = "CAUSAL_LM", ["base_model_name_or_path"] = baseModel,
            ["r"] = options.Rank, ["lora_alpha"] = options.Alpha, ["lora_dropout"] = options.Dropout,
            ["target_modules"] = new JsonArray(options.Targets.Select(t => (JsonNode)t!).ToArray()),
            ["bias"] = "none", ["fan_in_fan_out"] = false, ["inference_mode"] = true, ["init_lora_weights"] = true,
            ["use_rslora"] = false, ["use_dora"] = false, ["modules_to_save"] = null, ["layers_to_transform"] = null,
            ["layers_pattern"] = null, ["rank_pattern"] = new JsonObject(), ["alpha_pattern"] = new JsonObject(), ["revision"] = null,
        };
        File.WriteAllText(Path.Combine(folder, ConfigFile), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        SafeTensorsWriter.Write(Path.Combine(folder, WeightsFile), LoraAdapters.PeftState(model),
            new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>The dtype the adapter's weights are stored in (null when the file is missing or empty).</summary>
    internal static ScalarType? StoredDType(string folder)
    {
        string path = Path.Combine(folder, WeightsFile);
        if (!File.Exists(path)) return null;
        using var reader = new SafeTensorsReader(path);
        return reader.Entries.Values.Select(e => (ScalarType?)e.DType).FirstOrDefault();
    }

    /// <summary>Copies the weights in <paramref name="folder"/> into the adapters attached to <paramref name="model"/>.</summary>
    /// <exception cref="InvalidDataException">Keys are missing or unexpected, or shapes differ (all problems listed).</exception>
    internal static void ReadInto(string folder, CausalLM model)
    {
        string path = Path.Combine(folder, WeightsFile);
        if (!File.Exists(path)) throw new FileNotFoundException($"No adapter weights in '{folder}': {WeightsFile} is missing.", path);
        using var reader = new SafeTensorsReader(path);
        var expected = LoraAdapters.PeftState(model);
        var problems = new List<string>();
        var missing = expected.Keys.Where(k => !reader.Entries.ContainsKey(k)).ToList();
        var unexpected = reader.Entries.Keys.Where(k => !expected.ContainsKey(k)).ToList();
        if (missing.Count > 0) problems.Add($"missing keys: {string.Join(", ", missing)}");
        if (unexpected.Count > 0) problems.Add($"unexpected keys: {string.Join(", ", unexpected)}");
        foreach (var (name, t) in expected)
            if (reader.Entries.TryGetValue(name, out var e) && !e.Shape.SequenceEqual(t.shape))
                problems.Add($"wrong shape for {name}: file has {e.ShapeText}, model expects [{string.Join(", ", t.shape)}]");
        if (problems.Count > 0) throw new InvalidDataException($"The adapter in '{folder}' does not fit the model: {string.Join("; ", problems)}.");
        using var noGrad = no_grad();
        foreach (var (name, target) in expected)
        {
            using var scope = NewDisposeScope();
            target.copy_(reader.Read(name).to(target.dtype).to(target.device));
        }
    }
}
