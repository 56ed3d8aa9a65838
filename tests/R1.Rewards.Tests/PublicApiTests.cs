using R1.Rewards.Abstractions;

namespace R1.Rewards.Tests;

public class PublicApiTests
{
    [Test]
    public void The_public_API_of_R1_Rewards_matches_its_baseline() => PublicApiApproval.Verify(typeof(IReward).Assembly);
}
