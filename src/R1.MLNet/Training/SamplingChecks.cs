using R1.Rollout.Generation;

namespace R1.MLNet.Training;

/// <summary>Validates a <see cref="SamplingOptions"/> group and names where it sits in the error.</summary>
internal static class SamplingChecks
{
    public static void Validate(SamplingOptions? sampling, string where)
    {
        if (sampling is null) throw new ArgumentNullException(where, $"{where} must not be null.");
        try
        {
            sampling.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{where}: {ex.Message}", ex);
        }
    }
}
