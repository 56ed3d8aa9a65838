using R1.Rollout.Tokenization;

namespace R1.Rollout.Tests.Tokenization;

public sealed class HfTokenizerTests
{

    [Test]
    public void Qwen_special_ids_come_from_the_config_and_chatml()
    {
        var t = TestTokenizers.Qwen3;
        t.VocabSize.Should().Be(151_669, "151,643 BPE tokens + 26 added tokens");
        t.EosIds.Should().Equal(t.TokenToId("<|im_end|>")!.Value, t.TokenToId("<|endoftext|>")!.Value);
        t.EosIds.Should().Equal(151_645, 151_643);
        t.PadId.Should().Be(151_643);
        t.BosId.Should().BeNull();
        t.TokenToId("<think>").Should().Be(151_667);
    }

    [Test]
    public void DeepSeek_special_ids_come_from_the_config()
    {
        var t = TestTokenizers.DeepSeekV3;
        t.VocabSize.Should().Be(128_815, "128,000 BPE tokens, added tokens up to id 128,814");
        t.EosIds.Should().Equal(1);
        t.PadId.Should().Be(1);
        t.BosId.Should().Be(0);
        t.IdToToken(0).Should().Be("<｜begin▁of▁sentence｜>");
    }

    [Test]
    public void Known_ids_from_the_reference()
    {
        // Produced by @lenml/tokenizers 3.7.2 (see tests/reference/tokenizers).
        TestTokenizers.Qwen3.Encode("Hello world 12345 你好世界").Should().Equal(9707, 1879, 220, 16, 17, 18, 19, 20, 220, 108386, 99489);
        TestTokenizers.DeepSeekV3.Encode("Hello world 12345 你好世界").Should().Equal(19923, 2058, 223, 6895, 1883, 223, 30594, 3427);
    }

    [Test]
    public void Added_tokens_encode_to_one_id_and_skip_only_special_ones()
    {
        var t = TestTokenizers.Qwen3;
        var ids = t.Encode("<|im_start|>user\nhi<think>x</think><|im_end|>");
        ids[0].Should().Be(151_644);
        ids.Should().Contain([151_667, 151_668]).And.EndWith(151_645);
        t.Decode(ids).Should().Be("<|im_start|>user\nhi<think>x</think><|im_end|>");
        t.Decode(ids, skipSpecialTokens: true).Should().Be("user\nhi<think>x</think>", "<think> is an added token but not a special one");
    }

    [Test]
    public void Decoding_a_partial_utf8_sequence_gives_a_replacement_character()
    {
        var t = TestTokenizers.Qwen3;
        var ids = t.Encode("𠱓");   // a rare CJK Extension B ideograph: several byte-level tokens
        ids.Should().HaveCountGreaterThan(1, "it is not a single Qwen token");
        t.Decode(ids.Take(1)).Should().Contain("\uFFFD");
    }

    [Test]
    public void Encoding_from_many_threads_gives_the_sequential_result()
    {
        var t = TestTokenizers.DeepSeekV3;
        var texts = TokenizerCorpus.All;
        var sequential = texts.Select(t.Encode).ToArray();
        var parallel = new IReadOnlyList<int>[texts.Count];
        Parallel.For(0, texts.Count * 4, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            i => parallel[i % texts.Count] = t.Encode(texts[i % texts.Count]));
        for (int i = 0; i < texts.Count; i++) parallel[i].Should().Equal(sequential[i]);
    }

    [Test]
    public void Decode_rejects_ids_outside_the_vocabulary()
    {
        var act = () => TestTokenizers.Qwen3.Decode([5, 999_999]);
        act.Should().Throw<ArgumentOutOfRangeException>().WithMessage("*999999*");
    }

    [Test]
    public void Save_copies_both_files_and_loads_back_identically()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-hf-save-" + Guid.NewGuid().ToString("N"));
        try
        {
            TestTokenizers.DeepSeekV3.Save(dir);
            string source = TestPaths.TestData("tokenizers/deepseek-v3");
            File.ReadAllBytes(Path.Combine(dir, "tokenizer.json")).Should().Equal(File.ReadAllBytes(Path.Combine(source, "tokenizer.json")));
            File.ReadAllBytes(Path.Combine(dir, "tokenizer_config.json"))
                .Should().Equal(File.ReadAllBytes(Path.Combine(source, "tokenizer_config.json")));
            var loaded = TokenizerFiles.Load(dir);
            loaded.Should().BeOfType<HfTokenizer>();
            const string text = "<｜User｜>Solve 12+30.<｜Assistant｜><think>\n42\n</think>";
            loaded.Encode(text).Should().Equal(TestTokenizers.DeepSeekV3.Encode(text));
            loaded.EosIds.Should().Equal(TestTokenizers.DeepSeekV3.EosIds);
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void Load_names_the_missing_file()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-hf-missing-" + Guid.NewGuid().ToString("N"));
        var act = () => HfTokenizer.Load(dir);
        act.Should().Throw<FileNotFoundException>().WithMessage("*tokenizer.json*");
    }

    [Test]
    public void Load_rejects_an_unsupported_model_type_by_name()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-hf-wordpiece-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "tokenizer.json"),
                """{"model":{"type":"WordPiece","vocab":{"a":0}},"pre_tokenizer":{"type":"ByteLevel","use_regex":true}}""");
            var act = () => HfTokenizer.Load(dir);
            act.Should().Throw<InvalidDataException>().WithMessage("*WordPiece*");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void Load_names_a_config_file_that_is_not_json()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-hf-badconfig-" + Guid.NewGuid().ToString("N"));
        try
        {
            TestTokenizers.Qwen3.Save(dir);
            File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), "{ not json");
            var act = () => HfTokenizer.Load(dir);
            act.Should().Throw<InvalidDataException>().WithMessage("*tokenizer_config.json is not valid JSON*");
        }
        finally { if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void Load_rejects_an_unsupported_pre_tokenizer_by_name()
    {
        string dir = Path.Combine(Path.GetTempPath(), "r1-hf-metaspace-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        try
        {
            File.WriteAllText(Path.Combine(dir, "tokenizer.json"),
                """{"model":{"type":"BPE","vocab":{"a":0},"merges":[]},"pre_tokenizer":{"type":"Metaspace"}}""");
            var act = () => HfTokenizer.Load(dir);
            act.Should().Throw<InvalidDataException>().WithMessage("*Metaspace*");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
