using System.Globalization;
using System.Text.RegularExpressions;
using R1.Docs.Tests.Snippets;

namespace R1.Docs.Tests.Checks;

/// <summary>docs/recipe.md ran the five stages (none loaded: a fresh work folder), each evaluated, and wrote the final policy.</summary>
[SnippetCheck("recipe-stages")]
public static class RecipeStages
{
    public static void Run(SnippetContext context)
    {
        var stages = Regex.Matches(context.Output, @"(?m)^(?<stage>[A-Za-z]+): (?<acc>[0-9.]+) ?%\s*$");
        stages.Select(m => m.Groups["stage"].Value).Should().Equal("Base", "ColdStart", "ReasoningRl", "RejectionSamplingSft", "AllScenariosRl");
        stages.Select(m => double.Parse(m.Groups["acc"].Value, CultureInfo.InvariantCulture)).Should().OnlyContain(a => a >= 0 && a <= 100);
        context.Output.Should().Contain("final policy: ");
        Directory.GetFiles(context.Path("recipe"), "config.json", SearchOption.AllDirectories).Should().NotBeEmpty();
    }
}
