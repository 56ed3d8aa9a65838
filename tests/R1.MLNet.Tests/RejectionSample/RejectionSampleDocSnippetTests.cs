using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using R1.MLNet.Tests.TestSupport;
using R1.Rewards.Composition;
using R1.Rewards.Math;
using R1.Rollout;
using R1.Rollout.Models;
using R1.Tests.Shared;

namespace R1.MLNet.Tests.RejectionSample;

/// <summary>The rejection-sampling snippet of docs/mlnet.md, run as written there, with its outcome checked.</summary>
public class RejectionSampleDocSnippetTests
{
    private const string SnippetStart = "var r = ml.Reasoning();\nvar chain = r.RejectionSample(";

    [Test]
    public void The_docs_chain_and_Distill_snippet_runs_as_written()
    {
        string studentFolder = Path.Combine(Path.GetTempPath(), "r1-doc-student-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var init = Policy.Create(ModelConfig.Tiny(TinyPolicies.Tokenizer.VocabSize), TinyPolicies.Tokenizer)) init.Save(studentFolder);
            var ml = new MLContext(seed: 0);
            var services = new ServiceCollection().AddReasoningRewards(b => b.AddMathAccuracy()).BuildServiceProvider();
            var teacher = new ReasoningChatClient((q, seed) => ($"{q}: add them (sample {seed})", $"<answer>{q.Split('+').Sum(int.Parse)}</answer>"));
            var prompts = ml.Data.LoadFromEnumerable(new[]
                { new PromptRow { Prompt = "1+2", Answer = "3" }, new PromptRow { Prompt = "2+2", Answer = "4" } });

            // --- docs/mlnet.md, "Rejection sampling and distillation" ---
            var r = ml.Reasoning();
            var chain = r.RejectionSample(services, teacher, samplesPerPrompt: 4)          // keeps the correct, readable samples
                .Append(r.Sft(PolicySource.FromFolder(studentFolder), responseColumnName: "Completion"));
            Policy student = chain.Fit(prompts).LastTransformer.Policy;

            // The same as one step, with the sampling summary and the SFT result on the transformer:
            var distilled = r.Distill(services, teacher, PolicySource.FromFolder(studentFolder), samplesPerPrompt: 4).Fit(prompts);
            Console.WriteLine(distilled.Summary);                                           // kept, drops per reason, samples/s
            // --- end of snippet ---

            distilled.Summary.Kept.Should().Be(8);
            distilled.Training.Steps.Should().Be(1);
            TrainingWeights(student).Should().Equal(TrainingWeights(distilled.Policy), "both forms train the same pairs from the same start");
            student.Dispose();
            distilled.Policy.Dispose();
        }
        finally
        {
            Directory.Delete(studentFolder, recursive: true);
        }
    }

    [Test]
    public void The_snippet_in_the_docs_is_the_one_this_test_runs()
    {
        string doc = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "docs", "mlnet.md")).ReplaceLineEndings("\n");
        string test = File.ReadAllText(Path.Combine(TestPaths.RepoRoot, "tests", "R1.MLNet.Tests", "RejectionSample",
            "RejectionSampleDocSnippetTests.cs")).ReplaceLineEndings("\n");
        int start = doc.IndexOf(SnippetStart, StringComparison.Ordinal);
        start.Should().BeGreaterThan(0);
        const string last = "Console.WriteLine(distilled.Summary);";
        int end = doc.IndexOf('\n', doc.IndexOf(last, start, StringComparison.Ordinal));
        var lines = doc[start..end].Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var testLines = test.Split('\n').Select(l => l.Trim()).ToHashSet();
        lines.Should().HaveCountGreaterThan(4).And.OnlyContain(l => testLines.Contains(l.Trim()), "every line of the snippet runs in this test");
    }

    private static float[] TrainingWeights(Policy policy) => PolicyWeights.Flat(policy);
}
