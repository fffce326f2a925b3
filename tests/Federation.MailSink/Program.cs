using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;

namespace Federation.MailSink;

// The local run's mail server: the hubs send through it (SMTP on 127.0.0.1), nothing leaves this machine, and every
// message can be read at the HTTP page, links included, as in a person's mailbox.
// (A class of its own rather than top-level statements: test projects reference this one beside the services,
// whose Program classes would otherwise clash.)
public static class MailSinkProgram
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var smtpPort = builder.Configuration.GetValue("MailSink:SmtpPort", 2525);
        var folder = builder.Configuration.GetValue<string>("MailSink:Folder");
        await using var sink = await MailSink.StartAsync(smtpPort, folder);

        var app = builder.Build();
        app.MapGet("/", () =>
        {
            var html = HtmlEncoder.Default;
            var page = new StringBuilder("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Mail of the local federation</title></head><body>");
            page.Append(CultureInfo.InvariantCulture, $"<h1>Mail sent by the hubs</h1><p>SMTP on 127.0.0.1:{smtpPort}; newest first.</p>");
            foreach (var mail in sink.Received.Reverse())
            {
                var text = html.Encode(mail.Text);
                text = ReceivedMail.Link().Replace(text, match => $"<a href=\"{match.Value}\">{match.Value}</a>");
                page.Append(CultureInfo.InvariantCulture, $"<article><h2>{html.Encode(mail.Subject)}</h2><p>To {html.Encode(string.Join(", ", mail.To))} · from {html.Encode(mail.From)} · {mail.ReceivedAt:yyyy-MM-dd HH:mm:ss} UTC</p><pre>{text}</pre></article><hr>");
            }

            page.Append("</body></html>");
            return Results.Content(page.ToString(), "text/html; charset=utf-8");
        });
        app.MapGet("/messages", () => sink.Received);
        app.MapGet("/health/ready", () => "Healthy");
        await app.RunAsync();
    }
}
