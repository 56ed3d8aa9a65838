using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// The fp32 master copies of bf16 mixed precision: every trainable parameter that is not float32 gets a float32 master that the
/// optimizer updates; float32 trainable parameters (for example adapters kept in float32) are their own master. After backward
/// <see cref="TakeGradients"/> moves the low-precision gradients into the masters; after the optimizer step
/// <see cref="WriteBack"/> rounds the masters into the model's parameters.
/// </summary>
internal sealed class MasterWeights : IDisposable
{
    private const string FileName = "master_weights.bin";
    private readonly (Parameter Model, Parameter Master)[] _copies;

    public MasterWeights(IReadOnlyList<Parameter> trainable)
    {
        using var noGrad = no_grad();
        var copies = new List<(Parameter, Parameter)>();
        Parameters = new Parameter[trainable.Count];
        for (int i = 0; i < trainable.Count; i++)
        {
            var p = trainable[i];
            if (p.dtype == ScalarType.Float32) { Parameters[i] = p; continue; }
            using var view = p.detach();
            using var copy = view.to(ScalarType.Float32);
            Parameters[i] = new Parameter(copy);                  // takes the copy's handle; disposing the emptied wrapper frees nothing
            copies.Add((p, Parameters[i]));
        }
        _copies = [.. copies];
    }

    /// <summary>What the optimizer updates: the masters, in the order of the trainable parameters.</summary>
    public Parameter[] Parameters { get; }

    /// <summary>Bytes the masters add (4 per parameter that is not float32).</summary>
    public long Bytes => _copies.Sum(c => c.Master.numel() * 4);

    /// <summary>Moves each low-precision gradient into its master as float32 and drops it from the model parameter.</summary>
    public void TakeGradients()
    {
        foreach (var (model, master) in _copies)
        {
            using var scope = NewDisposeScope();
            using var g = model.grad;
            master.grad = g is null ? null : g.to(ScalarType.Float32);
            model.grad = null;
        }
    }

    /// <summary>Drops the gradients of the masters and of the model parameters.</summary>
    public void ZeroGrad()
    {
        foreach (var (model, master) in _copies) (model.grad, master.grad) = (null, null);
    }

    /// <summary>Rounds the masters into the model's parameters (round to nearest even).</summary>
    public void WriteBack()
    {
        using var noGrad = no_grad();
        foreach (var (model, master) in _copies) model.copy_(master);
    }

    /// <summary>The masters' file beside the optimizer's <paramref name="optimizerFile"/>.</summary>
    public static string FileBeside(string optimizerFile) => Path.Combine(Path.GetDirectoryName(Path.GetFullPath(optimizerFile))!, FileName);

    /// <summary>Writes the masters (bit-exact float32) to <paramref name="file"/>.</summary>
    public void Save(string file)
    {
        using var stream = File.Create(file);
        using var writer = new BinaryWriter(stream);
        writer.Write(_copies.Length);
        foreach (var (_, master) in _copies) master.Save(writer);
    }

    /// <summary>Reads the masters written by <see cref="Save"/> and rounds them into the model's parameters.</summary>
    /// <exception cref="InvalidDataException">The file is missing or holds a different set of parameters.</exception>
    public void Load(string file)
    {
        if (!File.Exists(file))
            throw new InvalidDataException($"'{file}' is missing: the checkpoint was not written by a BFloat16Mixed run " +
                                           "(resume it with Memory.Precision = Float32, or start a new run).");
        using var stream = File.OpenRead(file);
        using var reader = new BinaryReader(stream);
        int count = reader.ReadInt32();
        if (count != _copies.Length)
            throw new InvalidDataException($"'{file}' holds {count} master weights but this run trains {_copies.Length} bf16 parameters.");
        using (var noGrad = no_grad())
            foreach (var (_, master) in _copies)
            {
                try { master.Load(reader); }
                catch (Exception e) when (e is ArgumentException or EndOfStreamException)
                {
                    throw new InvalidDataException($"'{file}' does not match this model: {e.Message}", e);
                }
            }
        WriteBack();
    }

    public void Dispose()
    {
        foreach (var (_, master) in _copies) master.Dispose();
    }
}
