using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Setups;

/// <summary>
/// The README's Hugging Face folder <c>DeepSeek-R1-Distill-Qwen-1.5B</c>, as a stand-in: the tiny random Qwen2 model with Qwen3's
/// real tokenizer of <see cref="TinyQwenCheckpoint"/>, so the tokenizer is loaded only by the snippet's <c>Policy.Load</c>.
/// </summary>
[SnippetSetup("tiny-hf-checkpoint")]
public static class TinyHfCheckpoint
{
    public static void Run(SnippetContext context) => TinyQwenCheckpoint.Write(context.Path("DeepSeek-R1-Distill-Qwen-1.5B"));
}
