using System.Collections.Concurrent;

namespace R1.Rewards.Code;

/// <summary>
/// Limits how many sandboxed programs run at once and gives each running program its own slot number, from which the
/// executor derives a dedicated uid: <c>RLIMIT_NPROC</c> counts processes per uid, so a fork bomb in one slot
/// cannot starve a program in another.
/// </summary>
internal sealed class SandboxSlots : IDisposable
{
    private readonly SemaphoreSlim _gate;
    private readonly ConcurrentQueue<int> _free = new();

    /// <summary>Creates <paramref name="count"/> slots numbered from 0.</summary>
    public SandboxSlots(int count)
    {
        _gate = new SemaphoreSlim(count, count);
        for (int i = 0; i < count; i++) _free.Enqueue(i);
    }

    /// <summary>Waits for a free slot; dispose the lease to give it back.</summary>
    public async ValueTask<Lease> AcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        if (!_free.TryDequeue(out int slot)) { _gate.Release(); throw new InvalidOperationException("Sandbox slot pool is inconsistent."); }
        return new Lease(this, slot);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private void Release(int slot)
    {
        _free.Enqueue(slot);
        _gate.Release();
    }

    /// <summary>A held slot.</summary>
    public readonly struct Lease(SandboxSlots owner, int slot) : IDisposable
    {
        /// <summary>The slot number, 0 to count - 1.</summary>
        public int Slot => slot;

        /// <inheritdoc />
        public void Dispose() => owner.Release(slot);
    }
}
