using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>Writes and reads float32 tensors bit-exactly (shape, then raw values) for trainer checkpoints.</summary>
internal static class TensorIO
{
    public static void Write(BinaryWriter writer, Tensor t)
    {
        using var cpu = t.detach().to(CPU).to_type(ScalarType.Float32).contiguous();
        writer.Write((int)cpu.dim());
        foreach (long d in cpu.shape) writer.Write(d);
        var data = cpu.data<float>().ToArray();
        var bytes = new byte[data.Length * sizeof(float)];
        Buffer.BlockCopy(data, 0, bytes, 0, bytes.Length);
        writer.Write(bytes);
    }

    public static void ReadInto(BinaryReader reader, Tensor target)
    {
        int dims = reader.ReadInt32();
        var shape = new long[dims];
        for (int i = 0; i < dims; i++) shape[i] = reader.ReadInt64();
        if (!shape.SequenceEqual(target.shape))
            throw new InvalidDataException($"Saved tensor shape [{string.Join(",", shape)}] does not match [{string.Join(",", target.shape)}].");
        var values = new float[target.numel()];
        var bytes = reader.ReadBytes(values.Length * sizeof(float));
        if (bytes.Length != values.Length * sizeof(float)) throw new EndOfStreamException("The checkpoint ends inside a tensor.");
        Buffer.BlockCopy(bytes, 0, values, 0, bytes.Length);
        using var noGrad = no_grad();
        using var src = tensor(values, shape);
        target.copy_(src);
    }
}
