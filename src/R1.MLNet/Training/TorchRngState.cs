using TorchSharp;
using static TorchSharp.torch;

namespace R1.MLNet.Training;

/// <summary>
/// Checks a saved global torch RNG state before it reaches <c>torch.set_rng_state</c>: libtorch rejects a bad state with a
/// native <c>c10::Error</c> that TorchSharp does not turn into an exception, so the process aborts. The CPU generator's
/// state is libtorch's <c>CPUGeneratorImplState</c>: a legacy block (<c>uint64 seed, int left, int seeded, uint64 next,
/// uint64 state[624], …</c>) then the float-normal cache; libtorch accepts it only with its exact size, <c>seeded</c> set,
/// <c>1 ≤ left ≤ 624</c> and <c>next ≤ 624</c>.
/// </summary>
internal static class TorchRngState
{
    private const int MersenneStateN = 624;

    /// <summary>The current global state, base64.</summary>
    public static string Capture()
    {
        using var state = torch.get_rng_state();
        return Convert.ToBase64String(state.data<byte>().ToArray());
    }

    /// <summary>Decodes and checks <paramref name="base64"/>; throws an <see cref="InvalidDataException"/> naming <paramref name="file"/>.</summary>
    public static byte[] Decode(string base64, string file)
    {
        byte[] bytes;
        try { bytes = Convert.FromBase64String(base64); }
        catch (FormatException e) { throw new InvalidDataException($"{file}: TorchRngState is not valid base64 ({e.Message}).", e); }
        int expected = CurrentLength();
        if (bytes.Length != expected)
            throw new InvalidDataException($"{file}: TorchRngState has {bytes.Length} bytes but this libtorch's CPU generator state has {expected}.");
        int left = BitConverter.ToInt32(bytes, 8), seeded = BitConverter.ToInt32(bytes, 12);
        ulong next = BitConverter.ToUInt64(bytes, 16);
        if (seeded == 0 || left < 1 || left > MersenneStateN || (uint)next > MersenneStateN)
            throw new InvalidDataException(
                $"{file}: TorchRngState is not a valid mt19937 state (seeded {seeded}, left {left}, next {(uint)next}; " +
                $"expected seeded, 1 ≤ left ≤ {MersenneStateN}, next ≤ {MersenneStateN}).");
        return bytes;
    }

    /// <summary>Sets the global state from bytes checked by <see cref="Decode"/>.</summary>
    public static void Restore(byte[] bytes)
    {
        using var t = tensor(bytes, ScalarType.Byte);
        torch.set_rng_state(t);
    }

    private static int CurrentLength()
    {
        using var current = torch.get_rng_state();
        return (int)current.numel();
    }
}
