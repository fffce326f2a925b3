using Federation.Testing;

namespace Federation.Cli.Tests;

/// <summary>
/// The operators' commands against a real federation authority (a process on its own database): a new key, the
/// member admitted with its public half only, listed, suspended and reinstated; without the secret nothing happens.
/// </summary>
public sealed class AuthorityCommandSpecs : IAsyncLifetime
{
    private readonly string folder = Directory.CreateTempSubdirectory("federation-authority-").FullName;
    private readonly string secret = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
    private string database = "";
    private ServiceProcess authority = null!;

    public async ValueTask InitializeAsync()
    {
        database = await LocalInfrastructure.CreateDatabaseAsync("authcli");
        var key = Path.Combine(folder, "authority.pem");
        Assert.Equal(0, (await CliRun.Plain("keys", "new", "--out", key)).ExitCode);
        var port = FreePorts.Next();
        authority = new ServiceProcess("authority", "Authority", "Federation.Authority.dll", port, new Dictionary<string, string>
        {
            ["ConnectionStrings__Authority"] = LocalInfrastructure.ConnectionString(database),
            ["Authority__EntityId"] = $"http://127.0.0.1:{port}",
            ["Authority__SigningKeyFiles__0"] = key,
            ["Authority__AdminSecret"] = secret,
        });
        await authority.StartAsync();
        Environment.SetEnvironmentVariable("FEDERATION_AUTHORITY", authority.BaseUrl.AbsoluteUri);
    }

    public async ValueTask DisposeAsync()
    {
        Environment.SetEnvironmentVariable("FEDERATION_AUTHORITY", null);
        Environment.SetEnvironmentVariable("FEDERATION_AUTHORITY_SECRET", null);
        await authority.DisposeAsync();
        await LocalInfrastructure.DropDatabaseAsync(database);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Operators_admit_list_suspend_and_reinstate_a_member_with_its_public_key_only()
    {
        var hubKey = Path.Combine(folder, "brainport.pem");
        var made = await CliRun.Plain("keys", "new", "--out", hubKey);
        var again = await CliRun.Plain("keys", "new", "--out", hubKey);
        Environment.SetEnvironmentVariable("FEDERATION_AUTHORITY_SECRET", secret);

        var admitted = await CliRun.Plain("authority", "admit", "brainport", "--entity", "http://127.0.0.1:5104", "--name", "AI-hub Brainport", "--key", hubKey);
        var suspended = await CliRun.Plain("authority", "suspend", "brainport", "--reason", "Its key may have leaked.");
        var listed = await CliRun.Plain("authority", "members");
        var reinstated = await CliRun.Plain("authority", "reinstate", "brainport", "--reason", "Key rotated.");

        Assert.Equal(0, made.ExitCode);
        Assert.Contains(".pub", made.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Equal(0, admitted.ExitCode);
        Assert.Contains("brainport is active", admitted.Output, StringComparison.Ordinal);
        Assert.Equal(0, suspended.ExitCode);
        Assert.Contains("suspended", listed.Output, StringComparison.Ordinal);
        Assert.Contains("brainport is now active", reinstated.Output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(hubKey));
        }
    }

    [Fact]
    public async Task Without_the_operators_secret_the_command_says_what_to_set_and_changes_nothing()
    {
        Environment.SetEnvironmentVariable("FEDERATION_AUTHORITY_SECRET", null);

        var refused = await CliRun.Plain("authority", "suspend", "brainport", "--reason", "No secret given.");

        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("FEDERATION_AUTHORITY_SECRET", refused.Output, StringComparison.Ordinal);
    }
}
