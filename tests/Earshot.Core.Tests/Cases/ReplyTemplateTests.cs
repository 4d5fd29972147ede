using Earshot.Core.Cases;

namespace Earshot.Core.Tests.Cases;

public sealed class ReplyTemplateTests
{
    [Fact]
    public void Variables_are_filled_and_unknown_or_empty_ones_stay_visible()
    {
        var text = ReplyTemplate.Render("Hi {{customer.name}}, {{ agent.first_name }} here. {{customer.nickname}} {{team.name}}",
            new Dictionary<string, string?> { ["customer.name"] = "Dana", ["agent.first_name"] = "Ana", ["team.name"] = null });
        Assert.Equal("Hi Dana, Ana here. {{customer.nickname}} {{team.name}}", text);
        Assert.Equal(["customer.nickname"], ReplyTemplate.Unknown("{{customer.name}} {{customer.nickname}}"));
    }

    [Fact]
    public void Unknown_names_misspelt_variables_that_would_reach_the_customer_as_written()
    {
        Assert.Equal(["customer_name", "name", "Customer.Name"],
            ReplyTemplate.Unknown("Hi {{customer_name}} / {{ name }} / {{Customer.Name}} / {{agent.name}} / { single }"));
    }

    [Fact]
    public void Mentions_find_handles_and_addresses_but_not_email_inside_words()
    {
        Assert.Equal(["ana", "ben@brand.example"], Mentions.Find("@ana can you ask @Ben@brand.example? mail me at x@y.z"));
    }
}
