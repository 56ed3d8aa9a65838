using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/lora.md saved the adapter in PEFT's layout and the merged model as a plain Hugging Face folder.</summary>
[SnippetCheck("lora-adapter")]
public static class LoraAdapter
{
    public static void Run(SnippetContext context)
    {
        context.Output.Should().Contain("adapter: adapter_config.json, adapter_model.safetensors");
        Directory.GetFiles(context.Path("my-merged-model")).Select(Path.GetFileName).Should().Contain(["config.json", "model.safetensors"]);
    }
}
