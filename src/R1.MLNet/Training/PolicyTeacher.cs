using R1.Rollout;
using R1.Rollout.ChatTemplates;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// A local policy as the rejection-sampling teacher: the k samples of a batch's prompts come from one
/// <see cref="CompletionSampler.SampleGroups"/> call seeded by (seed, batch index), so a batch samples the same whether or not the
/// run was resumed. <see cref="TeacherSample.Response"/> is the generated text; <see cref="TeacherSample.Completion"/> is
/// <see cref="SampledCompletion.ForMatching"/> (prefix, and <c>&lt;think&gt;</c> when the template opened it).
/// </summary>
internal sealed class PolicyTeacher(Policy policy, PromptFormat prompt, RejectionSamplingOptions options) : IRejectionTeacher
{
    private readonly CompletionSampler _sampler = new(policy, prompt);

    public string Description => $"policy/{prompt.Template.Name}/{prompt.CompletionPrefix}/{_sampler.PromptOpensThink}";

    public void CheckPrompts(IReadOnlyList<ReasoningExample> prompts)
    {
        int context = policy.Config.MaxPositionEmbeddings;
        for (int i = 0; i < prompts.Count; i++)
        {
            int tokens = policy.Tokenizer.Encode(prompt.Render(prompts[i].Prompt)).Count;
            if (tokens + 1 > context)
                throw new ArgumentException($"prompts[{i}]: the formatted prompt is {tokens} tokens, but the teacher's context is {context} " +
                                            "(max_position_embeddings) and sampling needs at least one more. Shorten or drop it.", nameof(prompts));
        }
    }

    public IReadOnlyList<IReadOnlyList<TeacherSample>> Sample(IReadOnlyList<ReasoningExample> batch, int batchIndex, int firstPrompt)
    {
        var sampling = options.Sampling.Clone();
        sampling.Seed = (long)options.EffectiveSeed * 1_000_003 + batchIndex;
        using var scope = NewDisposeScope();
        return _sampler.SampleGroups(batch.Select(e => e.Prompt).ToList(), options.SamplesPerPrompt, sampling)
            .Select(group => (IReadOnlyList<TeacherSample>)group.Select(ToSample).ToArray())
            .ToList();
    }

    private static TeacherSample ToSample(SampledCompletion c) =>
        c.Generation.Text.Length == 0 ? TeacherSample.Failed("the teacher generated no text") : new TeacherSample(c.Generation.Text, c.ForMatching);
}
