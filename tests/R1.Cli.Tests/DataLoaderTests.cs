using R1.Cli.Configuration;
using R1.Cli.Data;
using R1.Cli.Tests.TestSupport;

namespace R1.Cli.Tests;

/// <summary>The JSONL and CSV loaders and the benchmark field mappings, on the real testdata files.</summary>
public sealed class DataLoaderTests
{
    [Test]
    public void Csv_reads_quoted_fields_with_commas_quotes_and_newlines()
    {
        string dir = TinyData.TempFolder();
        string path = Path.Combine(dir, "rows.csv");
        File.WriteAllText(path,
            "problem,solution,answer\r\n\"1+1, twice\",\"<think>say \"\"2\"\"\nthen stop</think>\",2\n3*3,<answer>9</answer>,9\n");
        var pairs = DatasetMapper.SftPairs(new DataConfig { Path = path });
        pairs.Should().Equal(("1+1, twice", "<think>say \"2\"\nthen stop</think>"), ("3*3", "<answer>9</answer>"));
        DatasetMapper.Examples(new DataConfig { Path = path }).Select(e => e.Answer).Should().Equal("2", "9");
        Directory.Delete(dir, recursive: true);
    }

    [Test]
    public void Configured_field_names_win_and_a_missing_field_is_named()
    {
        string dir = TinyData.TempFolder();
        string path = TinyData.WriteJsonl(dir, 3);
        var items = DatasetMapper.Items(new DataConfig { Path = path, Answer = "response", Limit = 2 });
        items.Select(i => i.Example.Answer).Should().HaveCount(2).And.OnlyContain(a => a!.StartsWith("<think>"));
        items.Select(i => i.Id).Should().Equal("0", "1");
        FluentActions.Invoking(() => DatasetMapper.Items(new DataConfig { Path = path, Prompt = "query" }))
            .Should().Throw<CliException>().WithMessage("data.prompt: the rows have no field 'query' (fields: question, response, answer).");
        Directory.Delete(dir, recursive: true);
    }

    [TestCase("gsm8k", 1319, "18")]
    [TestCase("math500", 500, "\\left( 3, \\frac{\\pi}{2} \\right)")]
    [TestCase("aime24", 30, null)]
    public void Benchmarks_map_to_prompt_and_gold_answer(string benchmark, int count, string? firstAnswer)
    {
        var data = Benchmarks.Data(benchmark, new DataConfig { Path = TestPaths.TestData(Path.Combine("data", benchmark, "test.jsonl")) });
        var items = DatasetMapper.Items(data);
        items.Should().HaveCount(count).And.OnlyContain(i => i.Example.Prompt.Length > 0 && !string.IsNullOrEmpty(i.Example.Answer));
        if (firstAnswer is not null) items[0].Example.Answer.Should().Be(firstAnswer);
        items.Select(i => i.Id).Should().OnlyHaveUniqueItems();
    }

    [Test]
    public void HumanEval_maps_prompt_tests_and_entry_point_from_the_gzip_file()
    {
        var data = Benchmarks.Data("humaneval", new DataConfig { Path = TestPaths.TestData("data/humaneval/HumanEval.jsonl.gz"), Limit = 5 });
        var items = DatasetMapper.Items(data);
        items.Should().HaveCount(5);
        items[0].Id.Should().Be("HumanEval/0");
        items[0].Example.EntryPoint.Should().Be("has_close_elements");
        items[0].Example.Tests.Should().Contain("def check(candidate)");
    }
}
