using OrderActors.Api.Channels;
using OrderActors.Api.Errors;
using OrderActors.Client.Contracts;

namespace OrderActors.Tests.Api;

public sealed class ChannelMappingValidatorTests
{
    [Fact]
    public void Validate_EveryBuiltInMapping_IsValid()
    {
        var mappings = DefaultChannelMappings.Channels.Select(c => DefaultChannelMappings.For(c)!).ToList();

        foreach (var mapping in mappings)
        {
            ChannelMappingValidator.Validate(mapping);
        }

        Assert.Equal(6, mappings.Count);
    }

    [Fact]
    public void Validate_UnknownFieldAndBadPath_RejectsWholeDocumentNamingFields()
    {
        var mapping = DefaultChannelMappings.Taobao with
        {
            Fields = new Dictionary<string, FieldMapping>(DefaultChannelMappings.Taobao.Fields!)
            {
                ["colour"] = new() { Path = "x" },
                [CanonicalFields.Phone] = new() { Path = "receiver..mobile" },
            },
        };

        var error = Assert.Throws<RequestValidationException>(() => ChannelMappingValidator.Validate(mapping));

        Assert.Equal("channel.mapping_invalid", error.Code);
        Assert.Contains("fields.colour", error.Errors.Keys);
        Assert.Contains("fields.phone.path", error.Errors.Keys);
    }
}
