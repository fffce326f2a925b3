using System.Buffers;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Federation.MailSink;

/// <summary>
/// An SMTP server on this machine's loopback that accepts every message and keeps it: in memory, and as an .eml file
/// in <c>folder</c> when one is given. Specs wait for the message a hub sent and follow its link as the person would.
/// </summary>
public sealed class MailSink : IAsyncDisposable
{
    private readonly List<ReceivedMail> received = [];
    private readonly CancellationTokenSource stopping = new();
    private readonly string? folder;
    private TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task running = Task.CompletedTask;

    private MailSink(int port, string? folder)
    {
        Port = port;
        this.folder = folder;
    }

    public int Port { get; }

    public IReadOnlyList<ReceivedMail> Received
    {
        get
        {
            lock (received)
            {
                return [.. received];
            }
        }
    }

    /// <summary>Starts listening on 127.0.0.1:<paramref name="port"/> and returns once a client can connect.</summary>
    public static async Task<MailSink> StartAsync(int port, string? folder = null, CancellationToken cancellationToken = default)
    {
        var sink = new MailSink(port, folder);
        if (folder is not null)
        {
            Directory.CreateDirectory(folder);
        }

        var options = new SmtpServerOptionsBuilder()
            .ServerName("mail-sink.localhost")
            .Endpoint(endpoint => endpoint.Endpoint(new IPEndPoint(IPAddress.Loopback, port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(sink));
        sink.running = new SmtpServer.SmtpServer(options, services).StartAsync(sink.stopping.Token);
        await sink.UntilListeningAsync(cancellationToken);
        return sink;
    }

    /// <summary>The first message (already received or still to come) that <paramref name="match"/> accepts.</summary>
    public async Task<ReceivedMail> WaitForAsync(Func<ReceivedMail, bool> match, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (received)
            {
                if (received.FirstOrDefault(match) is { } found)
                {
                    return found;
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No matching mail within {timeout}; received: {string.Join("; ", Received.Select(m => $"{string.Join(",", m.To)}: {m.Subject}"))}");
            }
        }
    }

    public Task<ReceivedMail> WaitForAsync(string recipient, string subjectPart, TimeSpan? timeout = null) =>
        WaitForAsync(mail => mail.IsFor(recipient) && mail.Subject.Contains(subjectPart, StringComparison.OrdinalIgnoreCase), timeout ?? TimeSpan.FromSeconds(30));

    /// <summary>
    /// As above, among the messages received from <paramref name="since"/> on: for an address that several specs of one
    /// run write to (a demo person's), whose earlier mail would otherwise answer for this spec's.
    /// </summary>
    public Task<ReceivedMail> WaitForAsync(string recipient, string subjectPart, DateTimeOffset since, TimeSpan? timeout = null) =>
        WaitForAsync(mail => mail.ReceivedAt >= since && mail.IsFor(recipient) && mail.Subject.Contains(subjectPart, StringComparison.OrdinalIgnoreCase),
            timeout ?? TimeSpan.FromSeconds(30));

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        await running.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        stopping.Dispose();
    }

    private async Task UntilListeningAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port, cancellationToken);
                return;
            }
            catch (SocketException) when (attempt < 100 && !running.IsCompleted)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }

    private async Task KeepAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var mail = new ReceivedMail(
            message.From.Mailboxes.FirstOrDefault()?.Address ?? "",
            [.. message.To.Mailboxes.Select(mailbox => mailbox.Address)],
            message.Subject ?? "",
            message.TextBody ?? "",
            DateTimeOffset.UtcNow);
        if (folder is not null)
        {
            await message.WriteToAsync(Path.Combine(folder, $"{mail.ReceivedAt:yyyyMMdd-HHmmss-fff}-{Guid.NewGuid():N}.eml"), cancellationToken);
        }

        lock (received)
        {
            received.Add(mail);
            var woken = arrived;
            arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            woken.SetResult();
        }
    }

    private sealed class Store(MailSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            await sink.KeepAsync(message, cancellationToken);
            return SmtpResponse.Ok;
        }
    }
}
