namespace Federation.Testing;

/// <summary>The hub's sign-in page refused the username or password.</summary>
public sealed class SignInRefusedException(string message) : Exception(message);
