using R1.Rollout.Generation;
using R1.Rollout.ChatTemplates;
using Microsoft.ML;
using R1.MLNet.Reason;
using R1.MLNet.Tests.TestSupport;
using R1.Rewards.Format;

namespace R1.MLNet.Tests.Reason;

public class ReasonTransformerTests
{
    private readonly MLContext _ml = new(seed: 1);

    private static ReasonOptions Greedy(int tokens = 6) =>
        new() { Sampling = { Temperature = 0, MaxNewTokens = tokens }, Prompt = PromptFormat.Raw with { CompletionPrefix = "<think>" } };

    [Test]
    public void Adds_completion_reasoning_and_answer_columns_consistent_with_each_other()
    {
        using var policy = TinyPolicies.Create();
        var data = _ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "2+2=", Answer = "4" }, new QaRow { Prompt = "3*3=", Answer = "9" } });
        var model = _ml.Reasoning().Reason(new ReasonOptions { Policy = policy, Sampling = { Temperature = 0, MaxNewTokens = 6 },
            Prompt = PromptFormat.Raw with { CompletionPrefix = "<think>" } }).Fit(data);

        var output = model.Transform(data);
        var rows = _ml.Data.CreateEnumerable<ReasonedRow>(output, reuseRowObject: false).ToList();

        output.Schema.Select(c => c.Name).Should().Equal("Prompt", "Answer", "Noise", "Completion", "Reasoning", "Answer");
        rows.Should().HaveCount(2);
        rows.Select(r => r.Prompt).Should().Equal("2+2=", "3*3=");
        foreach (var r in rows)
        {
            r.Completion.Should().StartWith("<think>");
            var parsed = ReasoningCompletion.Parse(r.Completion);
            r.Reasoning.Should().Be(parsed.Reasoning ?? "");
            r.Answer.Should().Be(parsed.FinalAnswer ?? "");
        }
    }

    [Test]
    public void Greedy_outputs_match_direct_generation_and_are_deterministic()
    {
        using var policy = TinyPolicies.Create();
        var reason = new ReasonTransformer(policy, Greedy());
        var data = _ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "7-5=" } });

        var first = _ml.Data.CreateEnumerable<ReasonedRow>(reason.Transform(data), false).Single();
        var second = _ml.Data.CreateEnumerable<ReasonedRow>(reason.Transform(data), false).Single();

        first.Completion.Should().Be(second.Completion);
        first.Completion.Should().Be(reason.Generate("7-5=").Completion);
        first.Completion.Length.Should().BeGreaterThan("<think>".Length);
    }

    [Test]
    public void Cursors_read_only_needed_input_columns_and_generate_only_when_asked()
    {
        using var policy = TinyPolicies.Create();
        var reason = new ReasonTransformer(policy, Greedy(tokens: 2));
        var source = new RecordingDataView(_ml.Data.LoadFromEnumerable(new[] { new QaRow { Prompt = "1+1=", Noise = "n" } }));
        var output = reason.Transform(source);

        using (var cursor = output.GetRowCursor([output.Schema["Noise"]]))
            while (cursor.MoveNext()) { }
        using (var cursor = output.GetRowCursor([output.Schema["Completion"]]))
        {
            var get = cursor.GetGetter<ReadOnlyMemory<char>>(output.Schema["Completion"]);
            ReadOnlyMemory<char> value = default;
            cursor.MoveNext().Should().BeTrue();
            get(ref value);
            value.ToString().Should().StartWith("<think>");
            var inactive = () => cursor.GetGetter<ReadOnlyMemory<char>>(output.Schema["Noise"]);
            inactive.Should().Throw<InvalidOperationException>().WithMessage("*'Noise' was not requested*");
        }

        source.Requests.Should().HaveCount(3);
        source.Requests[0].Should().Equal("Noise");
        source.Requests[1].Should().BeEmpty("the main cursor needs no input column for Completion");
        source.Requests[2].Should().Equal(["Prompt"], "the look-ahead cursor reads prompts only");
    }

    [Test]
    public void With_k_samples_the_outputs_are_those_of_a_completion_carrying_the_majority_answer()
    {
        using var policy = TinyPolicies.Create();
        var options = Greedy(tokens: 8);
        options.Sampling.Temperature = 1.0;
        options.Sampling.TopP = 1.0;
        options.Samples = 5;
        var reason = new ReasonTransformer(policy, options);

        var output = reason.Generate("5+3=", row: 3);

        output.Samples.Should().HaveCount(5);
        output.Samples.Should().Contain(output.Completion);
        var answers = output.Samples.Select(options.AnswerMatcher.Extract).ToList();
        int winner = MajorityVote.Winner(answers, options.AnswerMatcher);
        output.Completion.Should().Be(output.Samples[Math.Max(0, winner)]);
        reason.Generate("5+3=", row: 3).Samples.Should().Equal(output.Samples, "the same seed and row give the same samples");
    }

    [Test]
    public void Batched_generation_gives_the_same_greedy_rows_as_one_by_one_even_when_rows_are_skipped()
    {
        using var policy = TinyPolicies.Create();
        var rows = new[] { "1+1=", "2*3=", "9-4=", "8/2=", "5+5=" }.Select(p => new QaRow { Prompt = p }).ToArray();
        var data = _ml.Data.LoadFromEnumerable(rows);
        var one = Greedy(tokens: 5); one.BatchSize = 1;
        var three = Greedy(tokens: 5); three.BatchSize = 3;

        var single = _ml.Data.CreateEnumerable<ReasonedRow>(new ReasonTransformer(policy, one).Transform(data), false)
            .Select(r => r.Completion).ToList();
        var batched = new ReasonTransformer(policy, three).Transform(data);
        var batchedAll = _ml.Data.CreateEnumerable<ReasonedRow>(batched, false).Select(r => r.Completion).ToList();

        batchedAll.Should().Equal(single);
        using var cursor = batched.GetRowCursor([batched.Schema["Completion"]]);
        var get = cursor.GetGetter<ReadOnlyMemory<char>>(batched.Schema["Completion"]);
        ReadOnlyMemory<char> value = default;
        for (int i = 0; i < 4; i++) cursor.MoveNext();     // read only row 3
        get(ref value);
        value.ToString().Should().Be(single[3]);
    }

    [Test]
    public void Prediction_engine_answers_one_question_at_a_time_like_Generate()
    {
        using var policy = TinyPolicies.Create();
        var reason = new ReasonTransformer(policy, Greedy(tokens: 5));
        var engine = _ml.Model.CreatePredictionEngine<Question, Reply>(reason);

        var a = engine.Predict(new Question { Prompt = "6+1=" });
        var b = engine.Predict(new Question { Prompt = "2+2=" });

        a.Completion.Should().Be(reason.Generate("6+1=").Completion);
        b.Completion.Should().Be(reason.Generate("2+2=").Completion);
        a.Answer.Should().Be(ReasoningCompletion.Parse(a.Completion).FinalAnswer ?? "");
    }

    [Test]
    public void Stop_strings_end_the_completion_at_their_first_occurrence()
    {
        using var policy = TinyPolicies.Create();
        var options = Greedy(tokens: 24);
        options.Prompt = options.Prompt with { CompletionPrefix = "" };
        string full = new ReasonTransformer(policy, options).Generate("3+4=").Completion;
        string stop = full.Skip(2).First(ch => ch != '<' && ch != '>').ToString();
        options.Sampling.StopStrings = [stop];

        string stopped = new ReasonTransformer(policy, options).Generate("3+4=").Completion;

        stopped.Should().EndWith(stop);
        full.Should().StartWith(stopped);
        stopped.IndexOf(stop, StringComparison.Ordinal).Should().Be(stopped.Length - stop.Length, "generation ends at the first occurrence");
    }

    [Test]
    public void A_template_that_opens_think_makes_a_tagless_completion_unfinished_reasoning_not_an_answer()
    {
        using var policy = TinyPolicies.Create();
        var sampling = new SamplingOptions { Temperature = 0, MaxNewTokens = 6 };
        var opensThink = new PromptFormat(new DelegatePromptTemplate("test-opens-think", q => q + " <think>\n"));
        var plain = new PromptFormat(new DelegatePromptTemplate("test-plain", q => q + " "));

        var inside = new ReasonTransformer(policy, new ReasonOptions { Prompt = opensThink, Sampling = sampling, Samples = 3 }).Generate("2+2=");
        var outside = new ReasonTransformer(policy, new ReasonOptions { Prompt = plain, Sampling = sampling }).Generate("2+2=");

        inside.Completion.Should().NotContain("<think>").And.NotContain("</think>", "a random tiny model writes no tags");
        inside.Reasoning.Should().Be(inside.Completion.Trim(), "the prompt opened <think>, so everything generated is reasoning");
        inside.Answer.Should().BeEmpty("reasoning that never finished has no answer, as the rewards grade it");
        outside.Answer.Should().NotBeEmpty("without an opened think block, tagless text is a plain answer");
    }
}
