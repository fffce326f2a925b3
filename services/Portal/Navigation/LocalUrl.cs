namespace Federation.Portal.Navigation;

/// <summary>
/// Where the portal may send a browser back to after a language switch or a sign-in: its own pages only. Anything
/// else ("https://…", "//host", "/\host") would make the portal an open redirect, and becomes the start page.
/// </summary>
public static class LocalUrl
{
    public static string OrHome(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
