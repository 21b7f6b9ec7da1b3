using System.Globalization;
using Entry.Server.Common;
using Microsoft.AspNetCore.Identity;

namespace Entry.Server.Features.Auth;

/// <summary>
/// Identity's refusals of a new account (a user name taken or not allowed, a password too weak) in the request's language:
/// Vietnamese from the server's texts, English as Identity words them. The codes stay Identity's.
/// </summary>
internal sealed class IdentityErrorWords : IdentityErrorDescriber
{
    public override IdentityError DuplicateUserName(string userName) => Word(base.DuplicateUserName(userName), "identity.duplicateUserName", userName);

    public override IdentityError InvalidUserName(string? userName) => Word(base.InvalidUserName(userName), "identity.invalidUserName", userName);

    public override IdentityError PasswordTooShort(int length) => Word(base.PasswordTooShort(length), "identity.passwordTooShort", length);

    public override IdentityError PasswordRequiresDigit() => Word(base.PasswordRequiresDigit(), "identity.passwordRequiresDigit");

    public override IdentityError PasswordRequiresLower() => Word(base.PasswordRequiresLower(), "identity.passwordRequiresLower");

    public override IdentityError PasswordRequiresUpper() => Word(base.PasswordRequiresUpper(), "identity.passwordRequiresUpper");

    public override IdentityError PasswordRequiresNonAlphanumeric() => Word(base.PasswordRequiresNonAlphanumeric(), "identity.passwordRequiresNonAlphanumeric");

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Word(base.PasswordRequiresUniqueChars(uniqueChars), "identity.passwordRequiresUniqueChars", uniqueChars);

    private static IdentityError Word(IdentityError english, string code, params object?[] args) =>
        CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en"
            ? english
            : new IdentityError { Code = english.Code, Description = Phrase.Of(code, args).ToString() };
}
