using System.IO.Compression;
using System.Text.Json;
using Microsoft.ML;
using R1.MLNet.Reason;
using R1.Rollout;
using R1.Rollout.ChatTemplates;

namespace R1.MLNet.Persistence;

/// <summary>
/// Saves and loads fitted reasoning transformers. Microsoft.ML 5 keeps its model format (<c>ModelSaveContext</c>,
/// <c>ModelLoadContext</c>) internal, so <c>mlContext.Model.Save</c> cannot store a third-party transformer, and
/// <c>CustomMapping</c> would only store a contract name (the weights would still have to live elsewhere). Instead a model
/// is one zip file holding <c>reasoning.json</c> (the transformer kind and its options) and <c>policy/</c>, the policy as a
/// Hugging Face folder written by <see cref="Policy.Save"/> (so the weights also open in other tools once unzipped).
/// </summary>
public static class ReasoningModel
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>
    /// Saves <paramref name="model"/> to the zip file <paramref name="path"/> (replaced if it exists). Accepts a
    /// <see cref="ReasonTransformer"/>, a training step's <see cref="PolicyTransformer"/>, or a <c>TransformerChain</c> made only
    /// of those (its last step is saved: earlier training steps pass rows through unchanged).
    /// </summary>
    /// <exception cref="NotSupportedException">The model contains a transformer that is not a reasoning transformer.</exception>
    public static void Save(ITransformer model, string path)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var last = LastStep(model);
        var manifest = last is ReasonTransformer reason
            ? ReasoningModelManifest.FromOptions(reason.Settings)
            : new ReasoningModelManifest { Kind = "policy" };
        string staging = Path.Combine(Path.GetTempPath(), "r1-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(staging);
            File.WriteAllText(Path.Combine(staging, ReasoningModelManifest.FileName), JsonSerializer.Serialize(manifest, Json));
            ((IPolicyCarrier)last).Policy.Save(Path.Combine(staging, ReasoningModelManifest.PolicyFolder));
            string full = Path.GetFullPath(path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            string temp = full + ".tmp";
            if (File.Exists(temp)) File.Delete(temp);
            ZipFile.CreateFromDirectory(staging, temp);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    /// <summary>Loads a model written by <see cref="Save"/>: a <see cref="ReasonTransformer"/> or a <see cref="PolicyTransformer"/>.</summary>
    /// <param name="path">The zip file.</param>
    /// <param name="policyOptions">Device, dtype and threads of the loaded policy. Default CPU, the saved dtype.</param>
    /// <param name="template">The prompt template, needed only when the model was saved with a custom <see cref="IChatTemplate"/>
    /// (its name must match the saved one); built-in templates are found by name, and the checkpoint's own template
    /// (<see cref="JinjaChatTemplate"/>) in the saved policy folder.</param>
    /// <exception cref="InvalidDataException">The file is not a saved reasoning model.</exception>
    public static ITransformer Load(string path, PolicyOptions? policyOptions = null, IChatTemplate? template = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"No saved reasoning model at '{path}'.", path);
        string staging = Path.Combine(Path.GetTempPath(), "r1-model-" + Guid.NewGuid().ToString("N"));
        try
        {
            ZipFile.ExtractToDirectory(path, staging);
            var manifest = ReadManifest(path, staging);
            var policy = Policy.Load(Path.Combine(staging, ReasoningModelManifest.PolicyFolder), policyOptions);
            return manifest.Kind == "reason"
                ? new ReasonTransformer(policy, manifest.ToOptions(template ?? ShippedTemplate(manifest, policy)))
                : new PolicyTransformer(policy);
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    // A model saved with the checkpoint's own chat template finds it again in the saved policy folder.
    private static IChatTemplate? ShippedTemplate(ReasoningModelManifest manifest, Policy policy) =>
        manifest.PromptTemplate == JinjaChatTemplate.CheckpointName && policy.ChatTemplate is JinjaChatTemplate shipped ? shipped : null;

    internal static NotSupportedException NotSavableByMLNet(Type type) =>
        new($"{type.Name} cannot be saved with mlContext.Model.Save: Microsoft.ML keeps its save format internal. " +
            "Use R1.MLNet.Persistence.ReasoningModel.Save(transformer, path) instead.");

    private static ITransformer LastStep(ITransformer model)
    {
        var steps = model is IEnumerable<ITransformer> chain ? chain.ToList() : [model];
        foreach (var step in steps)
            if (step is not (ReasonTransformer or PolicyTransformer))
                throw new NotSupportedException(
                    $"ReasoningModel.Save stores reasoning transformers only; the model contains a {step.GetType().Name}.");
        return steps.Count > 0 ? steps[^1] : throw new ArgumentException("The transformer chain is empty.", nameof(model));
    }

    private static ReasoningModelManifest ReadManifest(string path, string staging)
    {
        string file = Path.Combine(staging, ReasoningModelManifest.FileName);
        if (!File.Exists(file))
            throw new InvalidDataException($"'{path}' is not a saved reasoning model: {ReasoningModelManifest.FileName} is missing.");
        var manifest = JsonSerializer.Deserialize<ReasoningModelManifest>(File.ReadAllText(file))
                       ?? throw new InvalidDataException($"'{path}': {ReasoningModelManifest.FileName} is empty.");
        if (manifest.Format != ReasoningModelManifest.CurrentFormat)
            throw new InvalidDataException($"'{path}': unsupported format '{manifest.Format}' (expected '{ReasoningModelManifest.CurrentFormat}').");
        if (manifest.Kind is not ("reason" or "policy"))
            throw new InvalidDataException($"'{path}': unknown model kind '{manifest.Kind}'.");
        return manifest;
    }
}
