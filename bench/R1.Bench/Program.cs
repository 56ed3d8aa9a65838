// Benchmarks: `dotnet run -c Release --project bench/R1.Bench -- <rewards|rollout|grpo|all>`.
System.Console.WriteLine("usage: R1.Bench <rewards|rollout|grpo|all>");
