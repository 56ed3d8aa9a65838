namespace R1.MLNet.Tests;

public class PublicApiTests
{
    [Test]
    public void The_public_API_of_R1_MLNet_matches_its_baseline() => PublicApiApproval.Verify(typeof(ReasoningCatalog).Assembly);
}
