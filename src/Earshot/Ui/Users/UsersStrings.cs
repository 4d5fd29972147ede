namespace Earshot.Ui.Users;

/// <summary>The people page's and the set-password page's words, in UsersStrings.resx (and its translations beside it).</summary>
public sealed class UsersStrings;
