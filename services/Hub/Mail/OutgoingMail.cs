namespace Federation.Hub.Mail;

/// <summary>A plain-text message to one person. Links in it point at this hub's own pages.</summary>
public sealed record OutgoingMail(string Recipient, string Subject, string Body);
