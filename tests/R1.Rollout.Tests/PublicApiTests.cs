namespace R1.Rollout.Tests;

public class PublicApiTests
{
    [Test]
    public void The_public_API_of_R1_Rollout_matches_its_baseline() => PublicApiApproval.Verify(typeof(Policy).Assembly);
}
