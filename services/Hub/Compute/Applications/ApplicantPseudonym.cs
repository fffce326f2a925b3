using System.Security.Cryptography;
using System.Text;

namespace Federation.Hub.Compute.Applications;

/// <summary>
/// How a facility knows an applicant across their applications without their id at home: a hash of the hub, the
/// facility and the member's id (random, so it cannot be guessed back), different for every facility, so that two
/// facilities cannot tell they serve the same person by it.
/// </summary>
public static class ApplicantPseudonym
{
    public static string For(string hubId, string facilityId, string memberSubject) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{hubId}\n{facilityId}\n{memberSubject}")))[..32];
}
