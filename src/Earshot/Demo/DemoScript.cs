namespace Earshot.Demo;

/// <summary>
/// The demo brand and what its customers say. Written for Earshot (no third-party data), so it can ship.
/// Aurora Mobile is a fictional phone carrier with an app; Nimbus Telecom and Vela Wireless are its competitors.
/// </summary>
internal static class DemoScript
{
    public const string Workspace = "Aurora Mobile";
    public static readonly string[] BrandNames = ["Aurora Mobile", "@AuroraMobile", "Aurora app"];
    public static readonly string[] Competitors = ["Nimbus Telecom", "Vela Wireless"];
    public static readonly string[] Teams = ["Care", "Billing", "Network", "Product"];

    public static readonly (string Name, string Query, string Team)[] Topics =
    [
        ("Aurora brand", "\"aurora mobile\" OR @AuroraMobile OR \"aurora app\"", "Care"),
        ("Network outages", "(signal OR outage OR \"no service\" OR down) AND (aurora OR @AuroraMobile)", "Network"),
        ("Billing", "(bill* OR charge* OR refund OR overcharged) AND (aurora OR @AuroraMobile)", "Billing"),
        ("Switching", "(switch* OR leaving OR cancel*) NEAR/5 (nimbus OR vela OR aurora)", "Care"),
        ("App feedback", "\"aurora app\" OR (app NEAR/3 (crash* OR update OR feature))", "Product"),
    ];

    public static readonly string[] Complaints =
    [
        "@AuroraMobile no signal in {place} since this morning, is there an outage?",
        "Third time this month my Aurora Mobile bill has a charge I never agreed to. Who do I talk to?",
        "The Aurora app crashes every time I open the billing tab. Please fix this.",
        "Been on hold with Aurora Mobile for {minutes} minutes. Still waiting.",
        "@AuroraMobile my data stopped working after the update. Not happy.",
        "I was promised a refund two weeks ago and nothing yet @AuroraMobile",
        "Honestly thinking of switching to Nimbus Telecom, the coverage in {place} is that bad. @AuroraMobile",
        "Aurora Mobile support closed my chat without answering. Again.",
        "Why does the Aurora app log me out every single day?",
        "Roaming in {place} and @AuroraMobile charged me twice for the same day pass.",
    ];

    public static readonly string[] Questions =
    [
        "@AuroraMobile does the unlimited plan include hotspot?",
        "How do I move my number to a new SIM with Aurora Mobile?",
        "Is there a student discount at Aurora Mobile?",
        "@AuroraMobile when does 5G arrive in {place}?",
        "Can I pause my Aurora Mobile plan while I travel?",
    ];

    public static readonly string[] Praise =
    [
        "Shout out to Sam at @AuroraMobile who fixed my account in five minutes. Lovely person!",
        "The new Aurora app is so much faster. Nice work.",
        "Aurora Mobile coverage on the train to {place} is great now.",
        "Switched from Vela Wireless to Aurora Mobile last month and my bill went down. Happy.",
        "@AuroraMobile thank you for the quick refund!",
    ];

    public static readonly string[] Suggestions =
    [
        "@AuroraMobile it would be great if the app showed data usage per day.",
        "Aurora app idea: let me set a spending cap for my kid's line.",
        "Please add dark mode to the Aurora app.",
    ];

    public static readonly string[] Chatter =
    [
        "Aurora Mobile and Nimbus Telecom both announced new plans today.",
        "Anyone else notice the Aurora Mobile ads everywhere in {place}?",
        "New blog post: comparing Aurora Mobile, Nimbus Telecom and Vela Wireless prices for 2026.",
        "The new Aurora Mobile colour scheme is... a choice.",
    ];

    public static readonly string[] BrandReplies =
    [
        "Sorry to hear that! Could you send us a DM with your account number so we can look into it?",
        "Thanks for letting us know. Our network team is on it; we'll update you here.",
        "We're glad to hear it! We'll pass your thanks on to the team.",
    ];

    public static readonly string[] Places = ["Leeds", "Porto", "Lyon", "the city centre", "Utrecht", "Bilbao", "Munich"];

    public static readonly (string Handle, string Name, int Followers)[] People =
    [
        ("maria_lopes", "Maria Lopes", 312), ("tom.h", "Tom Hughes", 48), ("jin_park", "Jin Park", 1_204),
        ("ade", "Adeola B.", 87), ("k_schmidt", "Katrin Schmidt", 23), ("techreviewer", "Tech Reviewer", 48_200),
        ("nora.v", "Nora V.", 560), ("dev_ravi", "Ravi", 2_930), ("lucia", "Lucía G.", 15), ("pete", "Pete", 131),
        ("the_commuter", "Daily Commuter", 9_870), ("anna_b", "Anna B.", 402), ("omar.k", "Omar K.", 64),
        ("fionnuala", "Fionnuala", 1_010), ("sara_m", "Sara M.", 7), ("mobilenews", "Mobile News", 120_400),
    ];
}
