using R1.MLNet;
using R1.MLNet.Persistence;
using R1.MLNet.Reason;
using R1.Rollout;
using R1.Rollout.ChatTemplates;

namespace R1.Serving.Hosting;

/// <summary>The policy being served, with its id and chat template. Owns the policy.</summary>
internal sealed class ServedModel : IDisposable
{
    private ServedModel(Policy policy, string id, IChatTemplate template)
    {
        Policy = policy;
        Id = id;
        Template = template;
    }

    public Policy Policy { get; }

    public string Id { get; }

    public IChatTemplate Template { get; }

    public int ContextLength => Policy.Config.MaxPositionEmbeddings;

    /// <summary>Loads a policy folder or a saved reasoning model (<c>.zip</c>).</summary>
    /// <exception cref="FileNotFoundException">Nothing is at the path.</exception>
    public static ServedModel Load(ServerOptions options)
    {
        string path = options.ModelPath;
        var policyOptions = new PolicyOptions { Device = options.Device };
        string name = Path.GetFileName(Path.TrimEndingDirectorySeparator(path));   // "Qwen2.5-0.5B" keeps its ".5B"
        string id = options.ModelId ?? (name.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? name[..^4] : name);
        IChatTemplate? named = options.ChatTemplate is { } templateName ? ChatTemplate.FromName(templateName) : null;
        if (Directory.Exists(path))
        {
            var policy = Policy.Load(path, policyOptions);
            return new ServedModel(policy, id, named ?? policy.ChatTemplate);
        }
        if (!File.Exists(path)) throw new FileNotFoundException($"No policy folder or saved model at '{path}'.", path);
        var model = ReasoningModel.Load(path, policyOptions);
        var carried = ((IPolicyCarrier)model).Policy;
        var template = named ?? (model is ReasonTransformer reason ? reason.Options.Prompt.Template : carried.ChatTemplate);
        return new ServedModel(carried, id, template);
    }

    public void Dispose() => Policy.Dispose();
}
