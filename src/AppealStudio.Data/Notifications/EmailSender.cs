using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Configuration;
using MimeKit;

namespace AppealStudio.Data.Notifications;

/// <summary>
/// Optional e-mail of notifications (section <c>Notifications</c>): when <c>Notifications:Smtp:Host</c> is set, the
/// scheduler mails each person a link to each new notification. The message carries links only, never patient data.
/// </summary>
public sealed record NotificationOptions(string? BaseUrl, string? SmtpHost, int SmtpPort, string SmtpSecurity, string? SmtpUser, string? SmtpPassword, string? From)
{
    public bool EmailEnabled => !string.IsNullOrWhiteSpace(SmtpHost);

    public static NotificationOptions Read(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var security = configuration["Notifications:Smtp:Security"] is { Length: > 0 } s ? s.Trim().ToLowerInvariant() : "starttls";
        if (security is not ("starttls" or "ssl" or "none"))
        {
            throw new InvalidOperationException($"Notifications:Smtp:Security is '{security}'; use starttls, ssl or none.");
        }

        var options = new NotificationOptions(
            configuration["Notifications:BaseUrl"],
            configuration["Notifications:Smtp:Host"],
            configuration.GetValue("Notifications:Smtp:Port", security == "ssl" ? 465 : 587),
            security,
            configuration["Notifications:Smtp:User"],
            configuration["Notifications:Smtp:Password"],
            configuration["Notifications:Smtp:From"]);
        if (options.EmailEnabled && (string.IsNullOrWhiteSpace(options.From) || string.IsNullOrWhiteSpace(options.BaseUrl)))
        {
            throw new InvalidOperationException("With Notifications:Smtp:Host set, Notifications:Smtp:From and Notifications:BaseUrl (the app's address, for the links) are required.");
        }

        return options;
    }
}

/// <summary>Sends the notification e-mails through SMTP with MailKit.</summary>
public sealed class EmailSender(NotificationOptions options)
{
    /// <summary>One message to one person listing links to their new notifications.</summary>
    public async Task SendAsync(string to, IReadOnlyList<string> links, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(links);
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(options.From!));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = "AppealStudio: new notifications";
        var body = new System.Text.StringBuilder();
        body.Append("You have new notifications in AppealStudio (sign in to read them):\n\n");
        foreach (var link in links)
        {
            body.Append(Absolute(link)).Append('\n');
        }

        message.Body = new TextPart("plain") { Text = body.ToString() };
        using var client = new SmtpClient();
        var security = options.SmtpSecurity switch
        {
            "ssl" => SecureSocketOptions.SslOnConnect,
            "none" => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(options.SmtpHost!, options.SmtpPort, security, cancellationToken);
        if (!string.IsNullOrEmpty(options.SmtpUser))
        {
            await client.AuthenticateAsync(options.SmtpUser, options.SmtpPassword ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
    }

    private string Absolute(string link) => (options.BaseUrl ?? "").TrimEnd('/') + link;
}
