using Federation.Contracts.Compute;
using Federation.Contracts.Metadata;
using Federation.Hub.Compute.Applications;
using Federation.Hub.Resources.Metadata;
using Federation.ServiceDefaults.Messaging.Signing;

namespace Federation.Hub.Compute.Decisions;

/// <summary>
/// What a facility makes of an application a hub sent. <see cref="Forgery"/>: what no honest hub sends (someone else's
/// applicant, another facility's application, sizes no hub accepts); the message goes to the error queue as evidence.
/// <see cref="Refusal"/>: an honest application the call's rules do not admit (the hub checked against the call as it
/// stood, which may have changed since); it is kept, rejected with the reason, and the applicant is told at home.
/// </summary>
public static class ApplicationArrivalCheck
{
    /// <summary>How long after the deadline an application submitted in time may still arrive: the home hub's staff need time to endorse it.</summary>
    public static readonly TimeSpan EndorsementGrace = TimeSpan.FromDays(14);

    public static string? Forgery(ComputeApplicationEndorsed message, ComputeCall? call, string facilityId, string? senderKind, DateTimeOffset now)
    {
        var application = message.Application;
        if (senderKind is not null && senderKind != Trust.MemberMetadata.HubKind)
        {
            return $"'{message.HubId}' is a {senderKind}; only hubs send their members' applications";
        }

        if (application is null || application.Id == Guid.Empty || application.HubId != message.HubId || application.FacilityId != facilityId)
        {
            return "the application is not the sending hub's own, or not for this facility";
        }

        // The hub read the call from this facility before taking the application: one that is not here was never offered.
        if (call is null)
        {
            return $"this facility has no call {application.CallId}";
        }

        if (application.State != ComputeApplication.Endorsed || application.EndorsedAt is null)
        {
            return "the application is not endorsed";
        }

        if (message.EndorsedAt > now + SenderVerification.ClockSkew || application.SubmittedAt > message.EndorsedAt || application.SubmittedAt < call.OpenedAt)
        {
            return "its dates are out of order, before the call opened, or in the future";
        }

        var texts = new (string? Value, int Max)[]
        {
            (application.ApplicantSubject, 200), (application.ApplicantName, 200), (application.OrganisationName, 300), (application.Project, 200),
            (application.Summary, 5_000), (application.Advice, 2_000), (application.CallTitle, 300),
        };
        if (texts.Any(text => text.Value is { } value && value.Length > text.Max) || string.IsNullOrWhiteSpace(application.ApplicantSubject)
            || string.IsNullOrWhiteSpace(application.ApplicantName) || string.IsNullOrWhiteSpace(application.Project) || application.RequestedHours < 1
            || application.RequestedHours > ComputeOfferValidator.AcceleratorHoursMax || application.PeriodEnd < application.PeriodStart
            || application.Resources is null || application.Resources.Count > ApplicationValidator.MostResources
            || application.PersonalDataCountries is null || application.PersonalDataCountries.Count > 30 || application.PersonalDataCountries.Any(c => c is not { Length: 2 }))
        {
            return "the application has fields no hub accepts";
        }

        // What the open accounting counts it under must be the vocabularies' words, never a hub's free text.
        if (!Vocabularies.ComputeEligibility.Contains(application.OrganisationType) || !Vocabularies.Regions.ContainsKey(application.Province ?? "")
            || (application.Sector is { } sector && !Vocabularies.Sectors.ContainsKey(sector)) || !Vocabularies.AiActRiskClasses.Contains(application.AiActRiskClass))
        {
            return "the application's organisation type, province, sector or AI Act class is not of the federation's vocabularies";
        }

        return null;
    }

    /// <summary>Why the call's rules do not admit an application that is no forgery (its call is known here), or null.</summary>
    public static string? Refusal(ComputeApplication application, ComputeCall call, DateTimeOffset now)
    {
        if (application.SubmittedAt > call.Deadline || (call.ClosedAt is { } closed && application.SubmittedAt > closed))
        {
            return $"The application was submitted after the call closed ({call.Deadline:u}).";
        }

        if (now > call.Deadline + EndorsementGrace)
        {
            return $"The application arrived more than {EndorsementGrace.TotalDays} days after the call's deadline.";
        }

        if (!call.Eligibility.Contains(application.OrganisationType))
        {
            return $"The call is open to {string.Join(", ", call.Eligibility)}, not to a {application.OrganisationType}.";
        }

        if (application.RequestedHours > call.CapacityHours || application.RequestedHours > call.MaxAllocationHours)
        {
            return $"The application asks for {application.RequestedHours} accelerator-hours; the call gives at most {Math.Min(call.CapacityHours, call.MaxAllocationHours ?? long.MaxValue)} to one.";
        }

        if (application.PeriodStart < call.AllocationStart || application.PeriodEnd > call.AllocationEnd)
        {
            return "The period asked for lies outside the call's allocation window.";
        }

        return application.AiActRiskClass == "prohibited"
            ? "A practice the AI Act prohibits cannot be built with this facility's compute."
            : null;
    }
}
