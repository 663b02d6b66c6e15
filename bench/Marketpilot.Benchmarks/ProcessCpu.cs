using System.Globalization;

namespace Marketpilot.Benchmarks;

/// <summary>CPU time of processes on this machine, from /proc (Linux).</summary>
public static class ProcessCpu
{
    /// <summary>CPU seconds (user + system) of a process and of all its descendants (a host's rule workers, under bubblewrap or not).</summary>
    /// <param name="pid">The process.</param>
    /// <returns>Its own CPU seconds and its descendants'.</returns>
    public static (double Self, double Descendants) Of(int pid)
    {
        var processes = Processes();
        var parents = processes.ToDictionary(p => p.Pid, p => p.Parent);
        bool Descends(int child)
        {
            for (var p = parents.GetValueOrDefault(child); p > 1; p = parents.GetValueOrDefault(p))
            {
                if (p == pid)
                {
                    return true;
                }
            }

            return false;
        }

        return (processes.Where(p => p.Pid == pid).Sum(p => p.CpuSeconds), processes.Where(p => Descends(p.Pid)).Sum(p => p.CpuSeconds));
    }

    /// <summary>CPU seconds (user + system) of every process named <paramref name="name"/> on this machine.</summary>
    /// <param name="name">The process name, as in /proc/&lt;pid&gt;/stat.</param>
    /// <returns>The sum.</returns>
    public static double OfName(string name) => Processes().Where(p => p.Name == name).Sum(p => p.CpuSeconds);

    // Every process's name, parent and CPU time from /proc/<pid>/stat: "pid (name) state ppid ... utime(14) stime(15) ...",
    // the name in parentheses and possibly holding spaces. A process that exits while read is skipped.
    private static List<(int Pid, string Name, int Parent, double CpuSeconds)> Processes()
    {
        const double TicksPerSecond = 100;
        var processes = new List<(int, string, int, double)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
                processes.Add((pid, stat[(stat.IndexOf('(') + 1)..close], int.Parse(fields[1], CultureInfo.InvariantCulture), ticks / TicksPerSecond));
            }
            catch (IOException)
            {
            }
        }

        return processes;
    }
}
