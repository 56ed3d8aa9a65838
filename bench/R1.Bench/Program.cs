using R1.Bench;

// Benchmarks: `dotnet run -c Release --project bench/R1.Bench -- <name|all> [args]`.
// Each suite measures ratios within one run (the machine is noisy) and prints its figures.
var benches = typeof(IBench).Assembly.GetTypes()
    .Where(t => typeof(IBench).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
    .Select(t => (IBench)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToList();
string which = args.Length > 0 ? args[0] : "";
var selected = which == "all" ? benches.Where(b => b.InAll).ToList() : benches.Where(b => b.Name == which).ToList();
if (selected.Count == 0)
{
    Console.WriteLine($"usage: R1.Bench <{string.Join("|", benches.Select(b => b.Name).Append("all"))}> [args]");
    return 1;
}
foreach (var bench in selected)
{
    Console.WriteLine($"== {bench.Name} ==");
    await bench.RunAsync(args.Skip(1).ToArray());
}
return 0;
