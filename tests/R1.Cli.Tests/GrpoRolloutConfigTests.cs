using System.Text.RegularExpressions;
using R1.Cli.Commands;
using R1.Cli.Configuration;
using R1.Cli.Tests.TestSupport;

namespace R1.Cli.Tests;

/// <summary>
/// <c>grpo.lora</c> and <c>grpo.rollout</c>: the keys bind from YAML and JSON, the flags override them, and the combinations the
/// CLI cannot run (remote rollouts without LoRA, no model id, overlap in this process, a bad URL) fail before any model is opened.
/// </summary>
public sealed class GrpoRolloutConfigTests
{
    private const string Yaml = """
        grpo:
          lora: { rank: 8, alpha: 16, dropout: 0, target-modules: [q_proj, v_proj] }
          rollout:
            endpoints: [http://10.0.0.5:8000, http://10.0.0.6:8000]
            model: qwen-base
            sync_every: 2
            overlap: true
            oldLogProbs: local
            maxConcurrency: 4
            timeoutSeconds: 30
            apiKey: secret
            sync-directory: /shared/r1-sync
        """;

    private const string Json = """
        { "grpo": { "lora": { "rank": 8, "alpha": 16, "dropout": 0, "targetModules": ["q_proj", "v_proj"] },
                    "rollout": { "endpoints": ["http://10.0.0.5:8000", "http://10.0.0.6:8000"], "model": "qwen-base",
                                 "syncEvery": 2, "overlap": true, "oldLogProbs": "local", "maxConcurrency": 4,
                                 "timeoutSeconds": 30, "apiKey": "secret", "syncDirectory": "/shared/r1-sync" } } }
        """;

    [Test]
    public void Yaml_and_json_bind_the_lora_and_rollout_keys_alike()
    {
        foreach (var (text, name) in new[] { (Yaml, "r1.yaml"), (Json, "r1.json") })
        {
            var grpo = new GrpoSettings().Resolve(ConfigLoader.Parse(text, name));
            var (lora, rollout) = (grpo.Lora!, grpo.Rollout!);
            (lora.Rank, lora.Alpha, lora.Dropout).Should().Be((8, 16.0, 0.0), name);
            lora.TargetModules.Should().Equal("q_proj", "v_proj");
            rollout.Endpoints.Should().Equal("http://10.0.0.5:8000", "http://10.0.0.6:8000");
            (rollout.Model, rollout.SyncEvery, rollout.Overlap, rollout.OldLogProbs).Should().Be(("qwen-base", 2, true, "local"), name);
            (rollout.MaxConcurrency, rollout.TimeoutSeconds, rollout.ApiKey).Should().Be((4, 30.0, "secret"), name);
            rollout.SyncDirectory.Should().Be("/shared/r1-sync");
        }
    }

    [Test]
    public void The_flags_override_the_keys_and_lora_rank_alone_turns_lora_on()
    {
        var file = ConfigLoader.Parse(Yaml, "r1.yaml");
        var settings = new GrpoSettings
        {
            LoraRank = 4, RolloutEndpoints = ["http://127.0.0.1:9000"], RolloutModel = "other", SyncEvery = 3, Overlap = false,
        };
        var grpo = settings.Resolve(file);
        (grpo.Lora!.Rank, grpo.Lora.Alpha).Should().Be((4, 16.0), "--lora-rank replaces the rank only");
        grpo.Rollout!.Endpoints.Should().Equal("http://127.0.0.1:9000");
        (grpo.Rollout.Model, grpo.Rollout.SyncEvery, grpo.Rollout.Overlap).Should().Be(("other", 3, false));

        var bare = new GrpoSettings { LoraRank = 2 }.Resolve(new R1Config());
        (bare.Lora!.Rank, bare.Lora.Alpha, bare.Lora.Dropout, bare.Rollout).Should().Be((2, null, null, null));
    }

    [Test]
    public void A_single_endpoint_instead_of_a_list_is_named_as_the_wrong_type()
    {
        FluentActions.Invoking(() => ConfigLoader.Parse("grpo:\n  rollout:\n    endpoints: http://a:8000\n", "r1.yaml"))
            .Should().Throw<CliException>().WithMessage("Config 'r1.yaml': the value of 'grpo.rollout.endpoints' should be a list.");
    }

    [TestCase("--rollout-endpoint http://127.0.0.1:9 --rollout-model x",
        "*need LoRA: set 'lora'*--lora-rank N*Full fine-tuning on a remote engine needs a hook*RolloutOptions.ReloadFullWeights*")]
    [TestCase("--lora-rank 4 --rollout-endpoint http://127.0.0.1:9", "*no rollout model: set 'rollout.model' or pass --rollout-model*")]
    [TestCase("--lora-rank 4 --overlap", "*rollout.overlap (--overlap) needs rollout.endpoints (--rollout-endpoint)*")]
    [TestCase("--lora-rank 4 --rollout-endpoint 10.0.0.5:8000 --rollout-model x", "*'10.0.0.5:8000' is not an http(s) URL*")]
    [TestCase("--lora-rank 4 --rollout-endpoint http://127.0.0.1:9 --rollout-model x --sync-every 0", "*SyncEvery must be at least 1*")]
    public void A_rollout_setting_the_cli_cannot_run_is_one_error_line(string flags, string message)
    {
        string dir = TinyData.TempFolder();
        try
        {
            string[] args = ["grpo", "--model", "micro", "--data", TinyData.WriteJsonl(dir), "--output", Path.Combine(dir, "out")];
            var result = new R1Tool().Run([.. args, .. flags.Split(' ')]);
            result.ExitCode.Should().Be(1, result.Output);
            string output = Regex.Replace(result.Output, @"\s+", " ");
            output.Should().StartWith("error: grpo:").And.Match(message);
            output.Should().NotContain("grpo micro:", "it fails before the model is opened and the run starts");
            Directory.Exists(Path.Combine(dir, "out")).Should().BeFalse();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Test]
    public void An_unknown_old_log_prob_source_is_named()
    {
        string dir = TinyData.TempFolder();
        try
        {
            string config = Path.Combine(dir, "r1.yaml");
            File.WriteAllText(config, "model: micro\ndata: train.jsonl\noutput: out\ngrpo:\n  lora: { rank: 4 }\n  rollout:\n" +
                                      "    endpoints: [http://127.0.0.1:9]\n    model: x\n    oldLogProbs: server\n");
            TinyData.WriteJsonl(dir);
            var result = new R1Tool().Run("grpo", "--config", config);
            result.ExitCode.Should().Be(1);
            Regex.Replace(result.Output, @"\s+", " ").Should().Be("error: grpo: rollout.oldLogProbs 'server' is not one of auto, engine, local.");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
