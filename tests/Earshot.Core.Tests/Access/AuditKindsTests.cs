using System.Reflection;
using Earshot.Core.Access;

namespace Earshot.Core.Tests.Access;

/// <summary>The audit page's filter and the API's check of <c>kind</c> list every kind that is written.</summary>
public sealed class AuditKindsTests
{
    [Fact]
    public void All_ListsEveryDeclaredKind_Once()
    {
        var declared = typeof(AuditKinds).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal).ToList();

        Assert.Equal(declared, AuditKinds.All.Order(StringComparer.Ordinal).ToList());
    }
}
