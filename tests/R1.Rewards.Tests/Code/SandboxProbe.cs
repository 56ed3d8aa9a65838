namespace R1.Rewards.Tests.Code;

/// <summary>Looks at the host from outside the sandbox: which processes run as a given uid.</summary>
internal static class SandboxProbe
{
    /// <summary>Live processes (pid, state, parent, name) whose real uid is in [first, first + count).</summary>
    public static IReadOnlyList<string> ProcessesOfUids(int first, int count)
    {
        var pids = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid)) continue;
            try
            {
                var status = File.ReadAllLines(Path.Combine(dir, "status"));
                var uidLine = status.FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal));
                if (uidLine == null) continue;
                int uid = int.Parse(uidLine.Split('\t', StringSplitOptions.RemoveEmptyEntries)[1]);
                string Field(string name) => status.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))?[name.Length..].Trim() ?? "?";
                if (uid >= first && uid < first + count) pids.Add($"pid {pid} uid {uid} {Field("State:")} ppid {Field("PPid:")} {Field("Name:")}");
            }
            catch (IOException) { } // the process ended meanwhile
            catch (UnauthorizedAccessException) { }
        }
        return pids;
    }

    public static bool IsRoot => Environment.IsPrivilegedProcess;
}
