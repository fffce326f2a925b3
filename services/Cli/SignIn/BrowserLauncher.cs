using System.Diagnostics;

namespace Federation.Cli.SignIn;

/// <summary>
/// Opens an address in the person's browser when there is a desktop to open it on (xdg-open, open, or the Windows
/// shell). The address is always printed as well, for a terminal without one. A test drives the browser itself.
/// </summary>
public sealed class BrowserLauncher(Action<Uri>? open = null)
{
    public void Open(Uri address)
    {
        if (open is not null)
        {
            open(address);
            return;
        }

        var opener = OperatingSystem.IsMacOS() ? "open" : OperatingSystem.IsWindows() ? null : "xdg-open";
        var desktop = OperatingSystem.IsMacOS() || OperatingSystem.IsWindows()
            || Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 };
        if (!desktop)
        {
            return;
        }

        try
        {
            using var process = opener is null
                ? Process.Start(new ProcessStartInfo(address.AbsoluteUri) { UseShellExecute = true })
                : Process.Start(new ProcessStartInfo(opener, [address.AbsoluteUri]) { UseShellExecute = false });
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // No opener installed: the printed address is the way in.
        }
    }
}
