using System.IO.Compression;

namespace R1.Docs.Tests.Checks;

/// <summary>What a zip written by <c>r.SaveModel</c> holds.</summary>
internal static class SavedModelCheck
{
    public static void ShouldBeAReasoningModel(string zip)
    {
        File.Exists(zip).Should().BeTrue($"the snippet saves the model to {Path.GetFileName(zip)}");
        using var archive = ZipFile.OpenRead(zip);
        archive.Entries.Select(e => e.FullName).Should().Contain("reasoning.json")
            .And.Contain(n => n.EndsWith("config.json") && n != "reasoning.json")
            .And.Contain(n => n.EndsWith(".safetensors"));
    }
}
