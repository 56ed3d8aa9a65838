using System.Text.Json;
using System.Text.Json.Serialization;

namespace R1.Rollout.Models;

/// <summary>
/// The fields of a Hugging Face <c>config.json</c> that define a Qwen2, Qwen3 or Llama decoder. Unknown fields are kept
/// (<see cref="Extra"/>) so a load → save round trip does not lose them.
/// </summary>
public sealed class ModelConfig
{
    /// <summary><c>qwen2</c>, <c>qwen3</c> or <c>llama</c>.</summary>
    [JsonPropertyName("model_type")] public string ModelType { get; set; } = "qwen2";

    /// <summary>Rows of the embedding and the output projection.</summary>
    [JsonPropertyName("vocab_size")] public int VocabSize { get; set; }

    /// <summary>Width of the residual stream.</summary>
    [JsonPropertyName("hidden_size")] public int HiddenSize { get; set; }

    /// <summary>Width of the SwiGLU MLP.</summary>
    [JsonPropertyName("intermediate_size")] public int IntermediateSize { get; set; }

    /// <summary>Number of decoder layers.</summary>
    [JsonPropertyName("num_hidden_layers")] public int NumHiddenLayers { get; set; }

    /// <summary>Number of query heads.</summary>
    [JsonPropertyName("num_attention_heads")] public int NumAttentionHeads { get; set; }

    /// <summary>Number of key/value heads (grouped-query attention); defaults to <see cref="NumAttentionHeads"/>.</summary>
    [JsonPropertyName("num_key_value_heads")] public int? NumKeyValueHeads { get; set; }

    /// <summary>Width of one head; defaults to <c>hidden_size / num_attention_heads</c> (Qwen3, like HF's <c>Qwen3Config</c>: 128).</summary>
    [JsonPropertyName("head_dim")] public int? HeadDimOverride { get; set; }

    /// <summary>The longest sequence (prompt + completion) the model accepts.</summary>
    [JsonPropertyName("max_position_embeddings")] public int MaxPositionEmbeddings { get; set; } = 2048;

    /// <summary>RoPE base θ.</summary>
    [JsonPropertyName("rope_theta")] public double RopeTheta { get; set; } = 10000.0;

    /// <summary>Optional RoPE scaling (Llama 3 scheme).</summary>
    [JsonPropertyName("rope_scaling")] public RopeScaling? RopeScaling { get; set; }

    /// <summary>RMSNorm epsilon.</summary>
    [JsonPropertyName("rms_norm_eps")] public double RmsNormEps { get; set; } = 1e-6;

    /// <summary>When true the output projection reuses the embedding matrix (no <c>lm_head.weight</c>).</summary>
    [JsonPropertyName("tie_word_embeddings")] public bool TieWordEmbeddings { get; set; }

    /// <summary>Bias on q/k/v (and, for Llama and Qwen3, o). Defaults: qwen2 true (q/k/v only), llama and qwen3 false.</summary>
    [JsonPropertyName("attention_bias")] public bool? AttentionBias { get; set; }

    /// <summary>Beginning-of-sequence id, if any.</summary>
    [JsonPropertyName("bos_token_id")] public int? BosTokenId { get; set; }

    /// <summary>End-of-sequence ids (a single id or a list in <c>config.json</c>).</summary>
    [JsonPropertyName("eos_token_id"), JsonConverter(typeof(IntOrListConverter))] public List<int>? EosTokenIds { get; set; }

    /// <summary>The dtype of the saved weights: <c>float32</c> or <c>bfloat16</c>.</summary>
    [JsonPropertyName("torch_dtype")]
    public string TorchDType
    {
        get => _torchDType;
        set { _torchDType = value; _torchDTypeSet = true; }
    }

    private string _torchDType = "float32";
    private bool _torchDTypeSet;

    /// <summary>The activation; only <c>silu</c> is supported.</summary>
    [JsonPropertyName("hidden_act")] public string HiddenAct { get; set; } = "silu";

    /// <summary>Fields this class does not model, kept for round trips.</summary>
    [JsonExtensionData] public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>Width of one attention head.</summary>
    [JsonIgnore]
    public int HeadDim => HeadDimOverride ?? (IsQwen3 ? Qwen3DefaultHeadDim : NumAttentionHeads == 0 ? 0 : HiddenSize / NumAttentionHeads);

    /// <summary>Key/value heads after defaults.</summary>
    [JsonIgnore] public int KeyValueHeads => NumKeyValueHeads ?? NumAttentionHeads;

    /// <summary>Whether q/k/v projections have a bias.</summary>
    [JsonIgnore] public bool QkvBias => AttentionBias ?? IsQwen2;

    /// <summary>Whether the output projection has a bias (Llama and Qwen3 with <c>attention_bias</c> only).</summary>
    [JsonIgnore] public bool OutputBias => !IsQwen2 && (AttentionBias ?? false);

    /// <summary>Whether q and k are RMS-normed per head before RoPE (Qwen3's <c>q_norm</c>/<c>k_norm</c>, weight [head_dim]).</summary>
    [JsonIgnore] internal bool QkNorm => IsQwen3;

    /// <summary><c>Qwen3Config</c>'s <c>head_dim</c> when <c>config.json</c> leaves it out.</summary>
    private const int Qwen3DefaultHeadDim = 128;

    private bool IsQwen2 => ModelType.Equals("qwen2", StringComparison.OrdinalIgnoreCase);

    private bool IsQwen3 => ModelType.Equals("qwen3", StringComparison.OrdinalIgnoreCase);

    private bool IsLlama => ModelType.Equals("llama", StringComparison.OrdinalIgnoreCase);

    private static readonly JsonSerializerOptions JsonOptions =
        new() { WriteIndented = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>The embedded default: about 0.9M parameters with a character vocabulary (hidden 128, 4 layers, 4 heads, 2 KV heads).</summary>
    public static ModelConfig Tiny(int vocabSize) => new()
    {
        ModelType = "qwen2", VocabSize = vocabSize, HiddenSize = 128, IntermediateSize = 384, NumHiddenLayers = 4,
        NumAttentionHeads = 4, NumKeyValueHeads = 2, MaxPositionEmbeddings = 1024, RopeTheta = 10000, TieWordEmbeddings = true,
    };

    /// <summary>A ~10M-parameter preset used by the benchmarks (hidden 384, 6 layers, 6 heads, 2 KV heads).</summary>
    public static ModelConfig Small(int vocabSize) => new()
    {
        ModelType = "qwen2", VocabSize = vocabSize, HiddenSize = 384, IntermediateSize = 1152, NumHiddenLayers = 6,
        NumAttentionHeads = 6, NumKeyValueHeads = 2, MaxPositionEmbeddings = 2048, RopeTheta = 10000, TieWordEmbeddings = true,
    };

    /// <summary>Reads a <c>config.json</c> file (or the <c>config.json</c> inside a folder) and validates it.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON or the configuration is inconsistent.</exception>
    public static ModelConfig Load(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, "config.json");
        if (!File.Exists(path)) throw new FileNotFoundException($"Model config not found: '{path}'.", path);
        ModelConfig? config;
        try { config = JsonSerializer.Deserialize<ModelConfig>(File.ReadAllText(path), JsonOptions); }
        catch (JsonException e) { throw new InvalidDataException($"'{path}' is not a valid config.json: {e.Message}", e); }
        if (config is null) throw new InvalidDataException($"'{path}' is empty.");
        config.ApplyNewDTypeKey();
        try { config.Validate(); }
        catch (InvalidDataException e) { throw new InvalidDataException($"'{path}': {e.Message}", e); }
        return config;
    }

    /// <summary>Newer <c>transformers</c> versions write <c>dtype</c> instead of <c>torch_dtype</c>; use it when only it is present.</summary>
    private void ApplyNewDTypeKey()
    {
        if (Extra is null || !Extra.TryGetValue("dtype", out var d) || d.ValueKind != JsonValueKind.String) return;
        if (!_torchDTypeSet) TorchDType = d.GetString()!;
    }

    /// <summary>Writes this configuration as <c>config.json</c> (path to a file or a folder).</summary>
    public void Save(string path)
    {
        if (Directory.Exists(path)) path = Path.Combine(path, "config.json");
        File.WriteAllText(path, ToJson());
    }

    /// <summary>The configuration as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>A deep copy.</summary>
    public ModelConfig Clone() => JsonSerializer.Deserialize<ModelConfig>(ToJson(), JsonOptions)!;

    /// <summary>Checks the configuration and throws one error listing every problem.</summary>
    /// <exception cref="InvalidDataException">Something is missing, out of range or unsupported.</exception>
    public void Validate()
    {
        var problems = new List<string>();
        void Positive(string name, int value) { if (value <= 0) problems.Add($"{name} must be positive (got {value})"); }
        if (!IsQwen2 && !IsQwen3 && !IsLlama)
            problems.Add($"model_type '{ModelType}' is not supported (expected qwen2, qwen3 or llama)");
        Positive("vocab_size", VocabSize);
        Positive("hidden_size", HiddenSize);
        Positive("intermediate_size", IntermediateSize);
        Positive("num_hidden_layers", NumHiddenLayers);
        Positive("num_attention_heads", NumAttentionHeads);
        Positive("num_key_value_heads", KeyValueHeads);
        Positive("max_position_embeddings", MaxPositionEmbeddings);
        if (NumAttentionHeads > 0 && HeadDimOverride is null && !IsQwen3 && HiddenSize % NumAttentionHeads != 0)
            problems.Add($"hidden_size {HiddenSize} is not divisible by num_attention_heads {NumAttentionHeads} (set head_dim)");
        if (HeadDimOverride is { } hd && hd <= 0) problems.Add($"head_dim must be positive (got {hd})");
        else if (HeadDim % 2 != 0) problems.Add($"head_dim {HeadDim} must be even for RoPE");
        if (KeyValueHeads > 0 && NumAttentionHeads % KeyValueHeads != 0)
            problems.Add($"num_attention_heads {NumAttentionHeads} is not a multiple of num_key_value_heads {KeyValueHeads}");
        if (RopeTheta <= 0) problems.Add($"rope_theta must be positive (got {RopeTheta})");
        if (RmsNormEps <= 0) problems.Add($"rms_norm_eps must be positive (got {RmsNormEps})");
        if (RopeScaling is { Kind: not ("llama3" or "default") } rs)
            problems.Add($"rope_scaling type '{rs.Kind}' is not supported (llama3 or default)");
        if (!HiddenAct.Equals("silu", StringComparison.OrdinalIgnoreCase)) problems.Add($"hidden_act '{HiddenAct}' is not supported (silu)");
        if (TorchDType is not ("float32" or "bfloat16" or "float16"))
            problems.Add($"torch_dtype '{TorchDType}' is not supported (float32, bfloat16, float16)");
        CheckArchitectures(problems);
        if (Extra is not null && Extra.TryGetValue("use_sliding_window", out var sliding) && sliding.ValueKind == JsonValueKind.True)
            problems.Add("use_sliding_window is true, but sliding-window attention is not supported (every layer attends to the whole context)");
        if (Extra is not null && Extra.TryGetValue("layer_types", out var types) && types.ValueKind == JsonValueKind.Array
            && types.EnumerateArray().Any(t => t.ValueKind == JsonValueKind.String && t.GetString() != "full_attention"))
            problems.Add("layer_types names a layer other than full_attention, but sliding-window attention is not supported");
        if (VocabSize > 0)
        {
            foreach (int id in EosTokenIds ?? [])
                if (id < 0 || id >= VocabSize) problems.Add($"eos_token_id {id} is outside the vocabulary (vocab_size {VocabSize})");
            if (BosTokenId is { } bos && (bos < 0 || bos >= VocabSize))
                problems.Add($"bos_token_id {bos} is outside the vocabulary (vocab_size {VocabSize})");
        }
        if (problems.Count > 0) throw new InvalidDataException("Invalid model config: " + string.Join("; ", problems) + ".");
    }

    /// <summary><c>architectures</c>, when present, must name this <c>model_type</c>'s causal-LM class (a Qwen3 folder is not Qwen2).</summary>
    private void CheckArchitectures(List<string> problems)
    {
        if (Extra is null || !Extra.TryGetValue("architectures", out var arch) || arch.ValueKind == JsonValueKind.Null) return;
        string expected = IsQwen2 ? "Qwen2ForCausalLM" : IsQwen3 ? "Qwen3ForCausalLM" : "LlamaForCausalLM";
        var names = arch.ValueKind == JsonValueKind.Array ? arch.EnumerateArray().Select(a => a.ToString()).ToList() : [arch.ToString()];
        var wrong = names.Where(n => n != expected).ToList();
        if (wrong.Count > 0)
            problems.Add($"architectures [{string.Join(", ", names)}] do not match model_type '{ModelType}' (expected {expected})");
    }

    /// <summary>Reads an int or a list of ints (HF writes <c>eos_token_id</c> both ways).</summary>
    private sealed class IntOrListConverter : JsonConverter<List<int>?>
    {
        public override List<int>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.Null) return null;
            if (reader.TokenType == JsonTokenType.Number) return [reader.GetInt32()];
            return JsonSerializer.Deserialize<List<int>>(ref reader, options);
        }

        public override void Write(Utf8JsonWriter writer, List<int>? value, JsonSerializerOptions options)
        {
            if (value is null) writer.WriteNullValue();
            else if (value.Count == 1) writer.WriteNumberValue(value[0]);
            else JsonSerializer.Serialize(writer, value, options);
        }
    }
}
