using System.Diagnostics;
using System.Globalization;
using MessagePack;

namespace Marketpilot.Scripting.Workers;

/// <summary>One running worker: its process and the connection (<see cref="WorkerConnection"/>) over its standard input and output.</summary>
/// <remarks>Called by one thread at a time, its slot's in the pool, which waits for each answer.</remarks>
internal sealed class RuleWorkerProcess : IDisposable
{
    private const int KeptErrorLines = 5;

    private readonly Process _process;
    private readonly TimeSpan _startTimeout;
    private readonly WorkerConnection _connection;
    private readonly Timer _deadline;
    private volatile bool _timedOut;
    private TimeSpan _armedFor;
    private bool _ready;
    private readonly Queue<string> _lastErrors = new();
    private readonly TaskCompletionSource _errorsEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RuleWorkerProcess(Process process, TimeSpan startTimeout)
    {
        _process = process;
        _startTimeout = startTimeout;
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
        _connection = new WorkerConnection(process.StandardInput.BaseStream, process.StandardOutput.BaseStream);
        _deadline = new Timer(_ =>
        {
            _timedOut = true;
            Kill();
        });
    }

    /// <summary>The process id (of <c>bwrap</c> when confined).</summary>
    public int Id => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Whether the worker failed to start; it is killed and must be replaced.</summary>
    public bool StartFailed { get; private set; }

    /// <summary>The rule versions this worker has loaded, so their images are not sent again.</summary>
    public HashSet<(string Id, string Version)> Loaded { get; } = [];

    /// <summary>Starts a worker; <paramref name="startTimeout"/> bounds the wait for it to say it is ready, with its first request.</summary>
    public static RuleWorkerProcess Start(ProcessStartInfo info, TimeSpan startTimeout) =>
        new(Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start"), startTimeout);

    /// <summary>Sends a request and waits at most <paramref name="deadline"/> for its answer; then kills the worker.</summary>
    /// <remarks>A new worker is first waited for until it is ready: its start is not counted against <paramref name="deadline"/>.</remarks>
    /// <exception cref="RuleWorkerCrashedException">The worker died, was killed at the deadline, or answered what the host cannot read.</exception>
    /// <exception cref="RuleWorkerStartFailedException">The worker did not start; no request was sent.</exception>
    /// <exception cref="InvalidOperationException">The worker refused the request (and is fine); the message says why.</exception>
    public TResult Invoke<TRequest, TResult>(WorkerFrame request, TRequest argument, TimeSpan deadline)
    {
        AwaitReady();
        // Armed before the write: a worker wedged with a full pipe would otherwise hold the write itself.
        Arm(deadline);
        try
        {
            var answer = Exchange(request, argument);
            return answer.Tag switch
            {
                WorkerFrame.Result => WorkerConnection.Read<TResult>(answer.Body),
                WorkerFrame.Refused => throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"worker {Id} refused the request: {WorkerConnection.Read<string>(answer.Body)}")),
                _ => throw new InvalidDataException($"an answer tagged {answer.Tag}"),
            };
        }
        catch (Exception exception) when (exception is InvalidDataException or MessagePackSerializationException)
        {
            // Whatever sent that is not a worker the host can trust with another message.
            Kill();
            throw _timedOut
                ? Crashed()
                : new RuleWorkerCrashedException(string.Create(CultureInfo.InvariantCulture, $"worker {Id} answered what the host cannot read ({exception.Message}) and was killed"));
        }
        finally
        {
            Disarm();
        }
    }

    /// <summary>Waits for a new worker to say it is ready (at most the start timeout); nothing once it has.</summary>
    /// <exception cref="RuleWorkerStartFailedException">The worker did not start; it is killed.</exception>
    public void AwaitReady()
    {
        if (_ready)
        {
            return;
        }

        Arm(_startTimeout);
        string? wrongFrame = null;
        try
        {
            var frame = _connection.Receive();
            if (frame is { Tag: WorkerFrame.Ready })
            {
                _ready = true;
                return;
            }

            wrongFrame = frame is { } first ? $"its first frame was tagged {first.Tag}, not {WorkerFrame.Ready}" : null;
        }
        catch (Exception exception) when (exception is IOException or InvalidDataException)
        {
            wrongFrame = exception is InvalidDataException ? exception.Message : null;
        }
        finally
        {
            Disarm();
        }

        StartFailed = true;
        Kill();
        throw new RuleWorkerStartFailedException(_timedOut
            ? string.Create(CultureInfo.InvariantCulture, $"worker {Id} did not start within {_startTimeout.TotalMilliseconds:0} ms and was killed")
            : wrongFrame is null ? $"worker {Id} did not start: {Describe()}" : $"worker {Id} did not start ({wrongFrame}) and was killed");
    }

    // The worker is killed if what follows has not ended within deadline; Disarm ends the wait.
    private void Arm(TimeSpan deadline)
    {
        _timedOut = false;
        _armedFor = deadline;
        _deadline.Change(deadline, Timeout.InfiniteTimeSpan);
    }

    private void Disarm()
    {
        try
        {
            _deadline.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The pool stopped and disposed the worker while this call waited on it.
        }
    }

    private (WorkerFrame Tag, ReadOnlyMemory<byte> Body) Exchange<TRequest>(WorkerFrame request, TRequest argument)
    {
        _connection.Serialize(argument);
        try
        {
            _connection.Flush(request);
            return _connection.Receive() ?? throw Crashed();
        }
        catch (IOException)
        {
            throw Crashed();
        }
    }

    private RuleWorkerCrashedException Crashed() => _timedOut
        ? new RuleWorkerCrashedException(string.Create(CultureInfo.InvariantCulture, $"worker {Id} did not answer within {_armedFor.TotalMilliseconds:0} ms and was killed"))
        : new RuleWorkerCrashedException(Describe());

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
        _deadline.Dispose();
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
