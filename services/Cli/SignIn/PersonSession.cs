using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Federation.Cli.SignIn;

/// <summary>
/// A person's sign-in at one hub, kept between runs: the hub's access and refresh tokens, in a file only its owner
/// may read (0600, in a 0700 folder), as other command lines do. The folder is FEDERATION_CONFIG_DIR, else
/// $XDG_CONFIG_HOME/federation, else ~/.config/federation. One file per hub address.
/// </summary>
public sealed record PersonSession(string Hub, string AccessToken, string? RefreshToken, DateTimeOffset ExpiresAt, string Name)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static PersonSession? Load(Uri hub)
    {
        var path = PathOf(hub);
        return File.Exists(path) ? JsonSerializer.Deserialize<PersonSession>(File.ReadAllText(path), Json) : null;
    }

    public void Save()
    {
        var path = PathOf(new Uri(Hub));
        var folder = Path.GetDirectoryName(path)!;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else
        {
            Directory.CreateDirectory(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        // Written to a new file that is then moved over the old one, so a crash never leaves half a session behind.
        var written = path + ".new";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new FileStream(written, options))
        {
            JsonSerializer.Serialize(file, this, Json);
        }

        File.Move(written, path, overwrite: true);
    }

    public static bool Delete(Uri hub)
    {
        var path = PathOf(hub);
        if (!File.Exists(path))
        {
            return false;
        }

        File.Delete(path);
        return true;
    }

    public static string PathOf(Uri hub)
    {
        var folder = Environment.GetEnvironmentVariable("FEDERATION_CONFIG_DIR") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg
                ? xdg
                : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config"), "federation");
        var name = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(hub.AbsoluteUri)))[..16];
        return Path.Combine(folder, $"session-{name}.json");
    }
}
