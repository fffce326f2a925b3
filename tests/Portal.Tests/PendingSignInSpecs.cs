using System.Text.Json;
using Federation.Portal.SignIn;

namespace Federation.Portal.Tests;

/// <summary>The pending sign-in's cookie holds each value once, and reads back as the sign-in it was.</summary>
public sealed class PendingSignInSpecs
{
    [Fact]
    public void The_authorization_request_is_not_written_twice_and_the_sign_in_reads_back_whole()
    {
        var pending = PendingSignIn.Start("brainport", "/staff/audit");

        var json = JsonSerializer.Serialize(pending);
        var read = JsonSerializer.Deserialize<PendingSignIn>(json);

        Assert.Equal(["HubId", "State", "Nonce", "Verifier", "ReturnUrl"], JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(pending, read);
        Assert.Equal(pending.Request, read!.Request);
    }
}
