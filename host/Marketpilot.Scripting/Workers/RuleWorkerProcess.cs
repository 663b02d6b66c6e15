using System.Diagnostics;
using System.Globalization;
using StreamJsonRpc;

namespace Marketpilot.Scripting.Workers;

/// <summary>One running worker: its process and the JSON-RPC connection over its standard input and output.</summary>
internal sealed class RuleWorkerProcess : IDisposable
{
    private const int KeptErrorLines = 5;

    private readonly Process _process;
    private readonly JsonRpc _rpc;
    private readonly Queue<string> _lastErrors = new();
    private readonly TaskCompletionSource _errorsEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuleWorkerProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _errorsEnded.TrySetResult();
            }
            else if (e.Data is { Length: > 0 } line)
            {
                lock (_lastErrors)
                {
                    _lastErrors.Enqueue(line);
                    while (_lastErrors.Count > KeptErrorLines)
                    {
                        _lastErrors.Dequeue();
                    }
                }
            }
        };
        _process.BeginErrorReadLine();
        _rpc = new JsonRpc(WorkerWire.Handler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream));
        _rpc.StartListening();
    }

    /// <summary>The process id (of <c>bwrap</c> when confined).</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The rule versions this worker has loaded, so their images are not sent again.</summary>
    public HashSet<(string Id, string Version)> Loaded { get; } = [];

    public static RuleWorkerProcess Start(ProcessStartInfo info) =>
        new(Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start"));

    /// <summary>Calls the worker and waits at most <paramref name="deadline"/>; then kills it.</summary>
    /// <exception cref="RuleWorkerCrashedException">The worker died or was killed before it answered.</exception>
    public async Task<T> InvokeAsync<T>(string method, object argument, TimeSpan deadline)
    {
        var call = _rpc.InvokeWithCancellationAsync<T>(method, [argument], CancellationToken.None);
        try
        {
            return await call.WaitAsync(deadline).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Kill();
            throw new RuleWorkerCrashedException(string.Create(CultureInfo.InvariantCulture, $"worker {Id} did not answer within {deadline.TotalMilliseconds:0} ms and was killed"));
        }
        catch (Exception exception) when (exception is ConnectionLostException or ObjectDisposedException or IOException)
        {
            throw new RuleWorkerCrashedException(Describe());
        }
    }

    /// <summary>Kills the process and everything it started.</summary>
    public void Kill()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception exception) when (exception is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        _rpc.Dispose();
        Kill();
        _process.Dispose();
    }

    private string Describe()
    {
        var exited = _process.WaitForExit(TimeSpan.FromSeconds(2));
        if (exited)
        {
            // Its last words (a watchdog's verdict, an unhandled exception) may still be on their way; a process it
            // started could hold the stream open, so the wait is short.
            _errorsEnded.Task.Wait(TimeSpan.FromSeconds(1));
        }

        string last;
        lock (_lastErrors)
        {
            last = _lastErrors.Count == 0 ? string.Empty : ": " + string.Join(" | ", _lastErrors);
        }

        return exited
            ? string.Create(CultureInfo.InvariantCulture, $"worker {Id} exited with code {_process.ExitCode}{last}")
            : string.Create(CultureInfo.InvariantCulture, $"worker {Id} closed its connection{last}");
    }
}
