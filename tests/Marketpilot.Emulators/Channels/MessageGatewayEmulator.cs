using System.Collections.Concurrent;
using Marketpilot.Emulators.Hosting;
using Microsoft.AspNetCore.Http;

namespace Marketpilot.Emulators.Channels;

/// <summary>
/// A message gateway on loopback (a chat API, an SMS API) that notification channels send to: it records every message it
/// accepted, counts the requests that reached its routes, and lets a test queue answers for the next requests, on top of
/// the random faults of <see cref="LoopbackEmulator.Faults"/>.
/// </summary>
/// <typeparam name="TMessage">What the gateway records of an accepted message.</typeparam>
public abstract class MessageGatewayEmulator<TMessage> : LoopbackEmulator
{
    private readonly Lock _gate = new();
    private readonly List<TMessage> _messages = [];
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _next = new();
    private readonly TaskCompletionSource _firstRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;

    /// <summary>Every message accepted, in order.</summary>
    public IReadOnlyList<TMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>How many requests reached the routes (faults of <see cref="LoopbackEmulator.Faults"/> are not counted).</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Completes when the first request reached the routes.</summary>
    public Task FirstRequest => _firstRequest.Task;

    /// <summary>Holds the next <paramref name="count"/> requests until the client gives up; nothing is sent.</summary>
    /// <param name="count">How many requests.</param>
    public void HangNext(int count = 1) => Enqueue(count, async context =>
    {
        try
        {
            await Task.Delay(Timeout.Infinite, context.RequestAborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
    });

    /// <summary>Queues <paramref name="answer"/> for the next <paramref name="count"/> requests that pass the gateway's credential check.</summary>
    /// <param name="count">How many requests.</param>
    /// <param name="answer">Writes the answer.</param>
    protected void Enqueue(int count, Func<HttpContext, Task> answer)
    {
        for (var i = 0; i < count; i++)
        {
            _next.Enqueue(answer);
        }
    }

    /// <summary>Counts a request that reached a route; call it first thing in every route.</summary>
    protected void CountRequest()
    {
        Interlocked.Increment(ref _requests);
        _firstRequest.TrySetResult();
    }

    /// <summary>Answers the request with the next queued answer, if there is one.</summary>
    /// <param name="context">The request.</param>
    /// <returns><see langword="true"/> when a queued answer was written.</returns>
    protected async Task<bool> TryAnswerQueuedAsync(HttpContext context)
    {
        if (!_next.TryDequeue(out var answer))
        {
            return false;
        }

        await answer(context).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records an accepted message.</summary>
    /// <param name="create">Makes the record from the message's number, from 1 up.</param>
    /// <returns>The record.</returns>
    protected TMessage Record(Func<int, TMessage> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        lock (_gate)
        {
            var message = create(_messages.Count + 1);
            _messages.Add(message);
            return message;
        }
    }
}
