namespace Earshot.Ui.Account;

/// <summary>The sign-in, not-allowed and set-password pages' words, in AccountStrings.resx (and its translations beside it).</summary>
public sealed class AccountStrings;
