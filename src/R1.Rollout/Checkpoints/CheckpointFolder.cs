using System.Text.Json;
using System.Text.Json.Nodes;
using R1.Rollout.Lora;
using R1.Rollout.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Checkpoints;

/// <summary>
/// Hugging Face weight folders: <c>model.safetensors</c>, or shards listed in <c>model.safetensors.index.json</c>.
/// Loading checks every key and shape against the model first and reports all problems at once.
/// </summary>
public static class CheckpointFolder
{
    /// <summary>The single-file weight name.</summary>
    public const string SingleFile = "model.safetensors";

    /// <summary>The shard index name.</summary>
    public const string IndexFile = "model.safetensors.index.json";

    /// <summary>Keys some checkpoints carry that hold no learned weights (ignored on load).</summary>
    private static bool IsIgnorable(string key) => key.EndsWith("rotary_emb.inv_freq", StringComparison.Ordinal);

    /// <summary>Copies the weights in <paramref name="folder"/> into <paramref name="model"/>, converting to the model's dtype.</summary>
    /// <exception cref="InvalidDataException">Keys are missing or unexpected, shapes differ, or a file is damaged.</exception>
    public static void LoadInto(CausalLM model, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        var readers = OpenReaders(folder);
        try
        {
            var located = readers.SelectMany(r => r.Entries.Values.Select(e => (Entry: e, Reader: r)))
                                 .ToDictionary(x => x.Entry.Name, x => x);
            var parameters = BaseState(model);
            Check(parameters, located.ToDictionary(x => x.Key, x => x.Value.Entry), model.Config.TieWordEmbeddings, folder);
            using var noGrad = no_grad();
            foreach (var (name, target) in parameters)
            {
                using var scope = NewDisposeScope();
                target.copy_(located[name].Reader.Read(name).to(target.dtype).to(target.device));
            }
        }
        finally
        {
            foreach (var r in readers) r.Dispose();
        }
    }

    /// <summary>The base model's tensors: the state dict without LoRA adapters (those live in a PEFT adapter folder).</summary>
    private static Dictionary<string, Tensor> BaseState(CausalLM model) =>
        model.state_dict().Where(kv => !LoraAdapters.IsAdapterKey(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);

    private static List<SafeTensorsReader> OpenReaders(string folder)
    {
        string single = Path.Combine(folder, SingleFile), index = Path.Combine(folder, IndexFile);
        var files = File.Exists(index) ? ShardFiles(index) : File.Exists(single) ? [single]
            : throw new FileNotFoundException($"No weights in '{folder}': expected {SingleFile} or {IndexFile}.");
        var readers = new List<SafeTensorsReader>();
        try
        {
            foreach (var f in files) readers.Add(new SafeTensorsReader(f));
        }
        catch
        {
            foreach (var r in readers) r.Dispose();
            throw;
        }
        return readers;
    }

    private static List<string> ShardFiles(string indexPath)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(indexPath)); }
        catch (JsonException e) { throw new InvalidDataException($"'{indexPath}' is not valid JSON: {e.Message}", e); }
        var map = root?["weight_map"] as JsonObject ?? throw new InvalidDataException($"'{indexPath}' has no weight_map object.");
        string dir = Path.GetDirectoryName(indexPath)!;
        var files = map.Select(kv => kv.Value?.GetValue<string>()
                           ?? throw new InvalidDataException($"'{indexPath}': weight_map entry '{kv.Key}' has no file."))
                       .Distinct().Select(f => Path.Combine(dir, f)).ToList();
        var missing = files.Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0)
            throw new FileNotFoundException($"'{indexPath}' lists missing shard(s): {string.Join(", ", missing.Select(Path.GetFileName))}.");
        return files;
    }

    private static void Check(IDictionary<string, Tensor> expected, Dictionary<string, SafeTensorsEntry> found, bool tied, string folder)
    {
        var problems = new List<string>();
        var missing = expected.Keys.Where(k => !found.ContainsKey(k)).ToList();
        var unexpected = found.Keys.Where(k => !expected.ContainsKey(k) && !IsIgnorable(k) && !(tied && k == "lm_head.weight")).ToList();
        if (missing.Count > 0) problems.Add($"missing keys: {string.Join(", ", missing)}");
        if (unexpected.Count > 0) problems.Add($"unexpected keys: {string.Join(", ", unexpected)}");
        foreach (var (name, t) in expected)
            if (found.TryGetValue(name, out var e) && !e.Shape.SequenceEqual(t.shape))
                problems.Add($"wrong shape for {name}: file has {e.ShapeText}, model expects [{string.Join(", ", t.shape)}]");
        if (problems.Count > 0)
            throw new InvalidDataException($"The weights in '{folder}' do not fit the model config: {string.Join("; ", problems)}.");
    }

    /// <summary>
    /// Writes the model's weights (in their current dtype) into <paramref name="folder"/>: one <c>model.safetensors</c>,
    /// or shards of at most <paramref name="maxShardBytes"/> plus <c>model.safetensors.index.json</c>.
    /// </summary>
    public static void Save(CausalLM model, string folder, long? maxShardBytes = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(folder);
        var tensors = BaseState(model);
        var metadata = new Dictionary<string, string> { ["format"] = "pt" };
        if (maxShardBytes is null || TotalBytes(tensors.Values) <= maxShardBytes)
        {
            SafeTensorsWriter.Write(Path.Combine(folder, SingleFile), tensors.ToDictionary(), metadata);
            return;
        }
        var shards = Shard(tensors, maxShardBytes.Value);
        var weightMap = new SortedDictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < shards.Count; i++)
        {
            string file = $"model-{i + 1:D5}-of-{shards.Count:D5}.safetensors";
            SafeTensorsWriter.Write(Path.Combine(folder, file), shards[i], metadata);
            foreach (var name in shards[i].Keys) weightMap[name] = file;
        }
        var index = new { metadata = new { total_size = TotalBytes(tensors.Values) }, weight_map = weightMap };
        File.WriteAllText(Path.Combine(folder, IndexFile), JsonSerializer.Serialize(index, new JsonSerializerOptions { WriteIndented = true }));
    }

    private static long TotalBytes(IEnumerable<Tensor> tensors) => tensors.Sum(t => t.numel() * t.ElementSize);

    private static List<Dictionary<string, Tensor>> Shard(IDictionary<string, Tensor> tensors, long maxBytes)
    {
        var shards = new List<Dictionary<string, Tensor>> { new() };
        long current = 0;
        foreach (var (name, t) in tensors)
        {
            long size = t.numel() * t.ElementSize;
            if (current > 0 && current + size > maxBytes) { shards.Add(new()); current = 0; }
            shards[^1][name] = t;
            current += size;
        }
        return shards;
    }
}
