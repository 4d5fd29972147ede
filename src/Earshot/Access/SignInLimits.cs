namespace Earshot.Access;

/// <summary>How many sign-in attempts one address may make a minute (a test that signs in many users raises it).</summary>
public sealed record SignInLimits(int AttemptsPerMinute = 10);
