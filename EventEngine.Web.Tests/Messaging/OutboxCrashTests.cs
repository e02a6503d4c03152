using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using EventEngine.Web.Domain;
using EventEngine.Web.Messaging;
using EventEngine.Web.Tests.Infrastructure;

namespace EventEngine.Web.Tests.Messaging;

/// <summary>A real app process is killed after it claimed a message and while it was sending it.</summary>
public class OutboxCrashTests(MessagingAppFactory app) : IClassFixture<MessagingAppFactory>
{
    [Fact]
    public async Task A_message_held_by_a_killed_instance_is_sent_once_after_its_lease_runs_out()
    {
        var admin = await app.CreateUserAsync();
        var e = await app.CreateEventAsync(admin);
        var guest = await app.AddGuestAsync(e.Id, "Crash");
        var queued = await app.QueueAsync(e, guest, MessageComposer.DefaultDraft(MessagePurpose.Invitation, ChannelChoice.Email));

        // An SMTP server that accepts the connection and never answers: the instance hangs mid-send.
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var accepted = silent.AcceptTcpClientAsync();
        using var instance = StartInstance(((IPEndPoint)silent.LocalEndpoint).Port);
        TcpClient? connection = null;
        try
        {
            connection = await accepted.WaitAsync(TimeSpan.FromSeconds(60));
            var held = await app.MessageAsync(queued.Id);
            Assert.True(held.State == MessageState.Sending, $"{held.State} {held.Attempts} {held.ErrorCode} {held.Error}");
            Assert.Equal(1, held.Attempts);
        }
        finally
        {
            // Killed while the connection is still open, so the instance never learns the send failed.
            instance.Kill(entireProcessTree: true);
            await instance.WaitForExitAsync();
            connection?.Dispose();
        }

        // Killed: nothing recorded the outcome, and another instance leaves the message alone while the lease lasts.
        Assert.Equal(MessageState.Sending, (await app.MessageAsync(queued.Id)).State);
        await app.SendDueAsync();
        Assert.Empty(app.Mail.Messages());

        app.Clock.Advance(TimeSpan.FromMinutes(3));
        await app.SendDueAsync();

        var mail = Assert.Single(await app.Mail.WaitForAsync(1));
        Assert.Equal($"<{queued.Id:N}@eventengine.test>", mail.Header("Message-ID"));
        var sent = await app.MessageAsync(queued.Id);
        Assert.Equal(MessageState.Sent, sent.State);
        Assert.Equal(2, sent.Attempts);
        await app.SendDueAsync();
        Assert.Single(app.Mail.Messages());
    }

    /// <summary>The built app as its own process, sending through the given SMTP port with a two-minute lease.</summary>
    private Process StartInstance(int smtpPort)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "EventEngine.Web.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{MailCatcher.FreePort()}");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Default"] = app.Database.AppConnectionString;
        start.Environment["ConnectionStrings__Migrations"] = app.Database.ConnectionString;
        start.Environment["Demo__Seed"] = "false";
        start.Environment["Rsvp__LinkKey"] = AppFactory.RsvpLinkKey;
        start.Environment["Smtp__Host"] = "127.0.0.1";
        start.Environment["Smtp__Port"] = smtpPort.ToString();
        start.Environment["Smtp__From"] = "hosts@eventengine.test";
        start.Environment["Smtp__TimeoutSeconds"] = "600";
        start.Environment["Outbox__LeaseSeconds"] = "120";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
