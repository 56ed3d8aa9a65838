using System.Buffers.Binary;
using System.Text;
using R1.Rollout.Checkpoints;
using R1.Rollout.Tests.Models;
using static TorchSharp.torch;

namespace R1.Rollout.Tests.Checkpoints;

[TestFixture]
public class CheckpointTests
{
    private string _dir = null!;

    [SetUp] public void SetUp() => _dir = Directory.CreateTempSubdirectory("r1-ckpt-").FullName;
    [TearDown] public void TearDown() => Directory.Delete(_dir, true);

    private static void ShouldBeBitExact(Policy a, Policy b)
    {
        var sa = a.Model.state_dict();
        var sb = b.Model.state_dict();
        sb.Keys.Should().BeEquivalentTo(sa.Keys);
        foreach (var (name, t) in sa)
        {
            sb[name].dtype.Should().Be(t.dtype, name);
            sb[name].bytes.ToArray().Should().Equal(t.bytes.ToArray(), name);
        }
    }

    [TestCase(ScalarType.Float32)]
    [TestCase(ScalarType.BFloat16)]
    public void Save_then_load_is_bit_exact(ScalarType dtype)
    {
        using var policy = FixturePolicy.Tiny(seed: 4, dtype: dtype);
        string folder = Path.Combine(_dir, "p");
        policy.Save(folder);
        using var loaded = Policy.Load(folder, new PolicyOptions { DType = null });
        loaded.DType.Should().Be(dtype);
        ShouldBeBitExact(policy, loaded);
        Directory.GetFiles(folder).Select(Path.GetFileName).Should().BeEquivalentTo(["config.json", "model.safetensors", "char_tokenizer.json"]);
        Directory.GetDirectories(_dir).Should().HaveCount(1, "the temporary folder is renamed, nothing is left behind");
    }

    [Test]
    public void Fixture_weights_survive_a_save_load_round_trip()
    {
        using var policy = FixturePolicy.Load(new Fixture("untied"));
        string folder = Path.Combine(_dir, "p");
        policy.Save(folder);
        policy.Save(folder); // overwriting an existing folder is atomic too
        using var loaded = Policy.Load(folder);
        ShouldBeBitExact(policy, loaded);
    }

    [Test]
    public void Sharded_save_writes_an_index_and_loads_bit_exactly()
    {
        using var policy = FixturePolicy.Tiny(seed: 5, maxShardBytes: 100_000);
        string folder = Path.Combine(_dir, "sharded");
        policy.Save(folder);
        var shards = Directory.GetFiles(folder, "model-*-of-*.safetensors");
        shards.Length.Should().BeGreaterThan(1);
        File.Exists(Path.Combine(folder, CheckpointFolder.IndexFile)).Should().BeTrue();
        File.Exists(Path.Combine(folder, CheckpointFolder.SingleFile)).Should().BeFalse();
        using var loaded = Policy.Load(folder);
        ShouldBeBitExact(policy, loaded);
    }

    [Test]
    public void Bf16_checkpoint_loads_into_a_float32_model()
    {
        using var bf16 = FixturePolicy.Tiny(seed: 6, dtype: ScalarType.BFloat16);
        string folder = Path.Combine(_dir, "bf16");
        bf16.Save(folder);
        using var f32 = Policy.Load(folder, new PolicyOptions { DType = ScalarType.Float32 });
        f32.DType.Should().Be(ScalarType.Float32);
        using var expected = bf16.Model.EmbeddingWeight.to(ScalarType.Float32);
        f32.Model.EmbeddingWeight.equal(expected).all().item<bool>().Should().BeTrue();
    }

    private string SaveFixtureCopy()
    {
        using var policy = FixturePolicy.Load(new Fixture("untied"));
        string folder = Path.Combine(_dir, "copy");
        policy.Save(folder);
        return folder;
    }

    private static Dictionary<string, Tensor> ReadAll(string file)
    {
        using var reader = new SafeTensorsReader(file);
        return reader.Entries.Keys.ToDictionary(k => k, reader.Read);
    }

    [Test]
    public void Missing_and_unexpected_keys_are_all_listed()
    {
        string folder = SaveFixtureCopy(), file = Path.Combine(folder, CheckpointFolder.SingleFile);
        var tensors = ReadAll(file);
        tensors.Remove("model.norm.weight");
        tensors.Remove("model.layers.1.mlp.up_proj.weight");
        tensors["model.layers.9.extra.weight"] = zeros(3);
        SafeTensorsWriter.Write(file, tensors);
        var act = () => Policy.Load(folder);
        act.Should().Throw<InvalidDataException>()
           .WithMessage("*missing keys:*model.layers.1.mlp.up_proj.weight*model.norm.weight*unexpected keys: model.layers.9.extra.weight*");
    }

    [Test]
    public void Wrong_shapes_are_listed()
    {
        string folder = SaveFixtureCopy(), file = Path.Combine(folder, CheckpointFolder.SingleFile);
        var tensors = ReadAll(file);
        tensors["model.layers.0.self_attn.q_proj.bias"] = zeros(63);
        SafeTensorsWriter.Write(file, tensors);
        var act = () => Policy.Load(folder);
        act.Should().Throw<InvalidDataException>()
            .WithMessage("*wrong shape for model.layers.0.self_attn.q_proj.bias: file has [63], model expects [64]*");
    }

    [Test]
    public void Truncated_file_is_reported()
    {
        string folder = SaveFixtureCopy(), file = Path.Combine(folder, CheckpointFolder.SingleFile);
        var bytes = File.ReadAllBytes(file);
        File.WriteAllBytes(file, bytes[..(bytes.Length - 100)]);
        var act = () => Policy.Load(folder);
        act.Should().Throw<InvalidDataException>().WithMessage("*model.safetensors' is truncated: tensor*");
    }

    [Test]
    public void Bad_header_is_reported()
    {
        string folder = SaveFixtureCopy(), file = Path.Combine(folder, CheckpointFolder.SingleFile);
        var bytes = File.ReadAllBytes(file);
        bytes[8] = (byte)'#';                       // first JSON character
        File.WriteAllBytes(file, bytes);
        var act = () => Policy.Load(folder);
        act.Should().Throw<InvalidDataException>().WithMessage("*bad safetensors header: not valid JSON*");

        BinaryPrimitives.WriteInt64LittleEndian(bytes, long.MaxValue);
        File.WriteAllBytes(file, bytes);
        act.Should().Throw<InvalidDataException>().WithMessage("*bad safetensors header: header length*");

        var header = Encoding.UTF8.GetBytes("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,8]}}");
        var small = new byte[8 + header.Length + 16];
        BinaryPrimitives.WriteInt64LittleEndian(small, header.Length);
        header.CopyTo(small, 8);
        File.WriteAllBytes(file, small);
        act.Should().Throw<InvalidDataException>().WithMessage("*entry for 'w'*8 bytes do not hold shape [4]*");
    }

    [Test]
    public void Missing_weights_and_missing_shards_are_reported()
    {
        string folder = SaveFixtureCopy();
        File.Delete(Path.Combine(folder, CheckpointFolder.SingleFile));
        var act = () => Policy.Load(folder);
        act.Should().Throw<FileNotFoundException>().WithMessage("*expected model.safetensors or model.safetensors.index.json*");
        File.WriteAllText(Path.Combine(folder, CheckpointFolder.IndexFile), "{\"weight_map\":{\"a\":\"model-00001-of-00002.safetensors\"}}");
        act.Should().Throw<FileNotFoundException>().WithMessage("*missing shard(s): model-00001-of-00002.safetensors*");
    }

    [Test]
    public void Tokenizer_larger_than_the_vocabulary_is_reported()
    {
        string folder = SaveFixtureCopy();
        File.Delete(Path.Combine(folder, R1.Rollout.Tokenization.CharTokenizer.FileName));
        FixturePolicy.Tokenizer(400).Save(folder);
        var act = () => Policy.Load(folder);
        act.Should().Throw<InvalidDataException>().WithMessage("*tokenizer has 400 ids but config.json's vocab_size is 320*");
    }

    [Test]
    public void Clone_frozen_is_an_independent_copy_without_gradients()
    {
        using var policy = FixturePolicy.Tiny(seed: 8);
        using var frozen = policy.CloneFrozen();
        frozen.IsFrozen.Should().BeTrue();
        frozen.Model.training.Should().BeFalse();
        frozen.Model.parameters().Should().OnlyContain(p => !p.requires_grad);
        ShouldBeBitExact(policy, frozen);
        using (no_grad()) policy.Model.EmbeddingWeight.add_(1.0);
        frozen.Model.EmbeddingWeight.equal(policy.Model.EmbeddingWeight).all().item<bool>().Should().BeFalse("the clone does not share storage");
    }
}
