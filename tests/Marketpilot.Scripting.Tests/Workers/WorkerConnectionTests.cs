using Marketpilot.Scripting.Workers;

namespace Marketpilot.Scripting.Tests.Workers;

public sealed class WorkerConnectionTests
{
    [Fact]
    public void AFrameComesBackWithItsTagAndBody()
    {
        var stream = new MemoryStream();
        new WorkerConnection(stream, Stream.Null).Send(WorkerFrame.Refused, "the reason");
        stream.Position = 0;

        var frame = new WorkerConnection(Stream.Null, stream).Receive();

        Assert.NotNull(frame);
        Assert.Equal(WorkerFrame.Refused, frame.Value.Tag);
        Assert.Equal("the reason", WorkerConnection.Read<string>(frame.Value.Body));
        Assert.Null(new WorkerConnection(Stream.Null, stream).Receive());
    }

    [Fact]
    public void AFrameLongerThanTheLimitIsRefusedBeforeAnythingIsAllocatedForIt()
    {
        var header = new MemoryStream([0x7f, 0xff, 0xff, 0xff, 0]);

        var refused = Assert.Throws<InvalidDataException>(() => new WorkerConnection(Stream.Null, header).Receive());

        Assert.Equal($"a frame of {int.MaxValue} bytes (at most {WorkerConnection.MaxFrameBytes} are accepted)", refused.Message);
    }

    [Fact]
    public void AStreamThatEndsInsideAFrameIsAnEndOfStreamNotAQuietEnd()
    {
        var stream = new MemoryStream();
        new WorkerConnection(stream, Stream.Null).Send(WorkerFrame.Result, new string('x', 100));
        var truncated = new MemoryStream(stream.ToArray()[..50]);

        var ended = Assert.Throws<EndOfStreamException>(() => new WorkerConnection(Stream.Null, truncated).Receive());

        Assert.StartsWith("the stream ended 45 bytes into", ended.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorkerSaysItIsReadyThenRefusesWhatItCannotServeAndGoesOnServing()
    {
        using var requests = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.Out);
        using var requestsIn = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.In, requests.ClientSafePipeHandle);
        using var answers = new System.IO.Pipes.AnonymousPipeServerStream(System.IO.Pipes.PipeDirection.In);
        using var answersOut = new System.IO.Pipes.AnonymousPipeClientStream(System.IO.Pipes.PipeDirection.Out, answers.ClientSafePipeHandle);
        var serving = RuleWorkerServer.RunAsync(requestsIn, answersOut);
        var host = new WorkerConnection(requests, answers);

        // A body is valid until the next frame is read: each is read at once. The worker speaks first: it is ready.
        var ready = Answer(host.Receive(), WorkerConnection.Read<int>);
        host.Send((WorkerFrame)77, 0);
        var unknown = Answer(host.Receive(), WorkerConnection.Read<string>);
        host.Send(WorkerFrame.Evaluate, "not a batch");
        var unreadable = Answer(host.Receive(), WorkerConnection.Read<string>);
        host.Send(WorkerFrame.Compile, new WorkerCompileRequest("fine.csx", "Log(\"hello\");"u8.ToArray(), null, false));
        var compiled = Answer(host.Receive(), WorkerConnection.Read<WorkerCompileResponse>);
        requests.Dispose();

        Assert.Equal((WorkerFrame.Ready, Environment.ProcessId), ready);
        Assert.Equal((WorkerFrame.Refused, "unknown request 77"), unknown);
        Assert.Equal(WorkerFrame.Refused, unreadable.Tag);
        Assert.StartsWith("MessagePackSerializationException", unreadable.Body, StringComparison.Ordinal);
        Assert.Equal(WorkerFrame.Result, compiled.Tag);
        Assert.NotNull(compiled.Body.Image);
        await serving.WaitAsync(TimeSpan.FromSeconds(30));
    }

    private static (WorkerFrame Tag, T Body) Answer<T>((WorkerFrame Tag, ReadOnlyMemory<byte> Body)? frame, Func<ReadOnlyMemory<byte>, T> read)
    {
        Assert.NotNull(frame);
        return (frame.Value.Tag, read(frame.Value.Body));
    }
}
