using Microsoft.AspNetCore.Authentication;

namespace Federation.Hub.Staff;

public sealed class DevelopmentStaffOptions : AuthenticationSchemeOptions
{
    /// <summary>Set from the host environment in code, never from configuration, so no setting can open it up.</summary>
    public bool Enabled { get; set; }
}
